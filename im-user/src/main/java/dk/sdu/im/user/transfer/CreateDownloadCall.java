package dk.sdu.im.user.transfer;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.rpc.Access;
import dk.sdu.im.api.rpc.Call;
import dk.sdu.im.api.rpc.Reply;
import dk.sdu.im.api.rpc.Route;
import dk.sdu.im.api.wire.Envelopes.BulkRequest;
import dk.sdu.im.api.wire.Envelopes.BulkResponse;
import dk.sdu.im.api.wire.Files;
import dk.sdu.im.api.wire.Transfers.CreateDownloadRequestItem;
import dk.sdu.im.api.wire.Transfers.CreateDownloadResponseItem;
import dk.sdu.im.user.files.DriveRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code POST /ucloud/<id>/files/download} (contract 3.4.5), a user call: one download URL per item, in
 * order, as Core requires. The first item that fails fails the whole call with its error (Core has no
 * per-item error), and tokens already issued for earlier items simply expire unused.
 */
public final class CreateDownloadCall {
    private CreateDownloadCall() {
    }

    /**
     * The route for IM/User's table. {@code drives} maps the drive Core resolved to a local root and refuses
     * drives that are not this user's (IM/User's {@code HomeDrive::resolve}).
     */
    public static Route route(String providerId, Function<Files.Drive, DriveRoot> drives, DownloadService downloads) {
        Objects.requireNonNull(drives, "drives");
        Objects.requireNonNull(downloads, "downloads");
        return new Route("POST", "/ucloud/" + providerId + "/files/download", "files.createDownload", Access.USER,
                call -> Reply.json(handle(call, drives, downloads)));
    }

    static BulkResponse<CreateDownloadResponseItem> handle(Call call, Function<Files.Drive, DriveRoot> drives,
                                                           DownloadService downloads) {
        String user = call.caller().ucloudUser()
                .orElseThrow(() -> ApiException.forbidden("This call needs a user context"));
        List<CreateDownloadResponseItem> responses = new ArrayList<>();
        for (CreateDownloadRequestItem item : items(call)) {
            if (item == null) {
                throw ApiException.badRequest("An item of the request is null");
            }
            responses.add(downloads.createDownload(drives.apply(item.resolvedCollection()), item.id(), user));
        }
        return new BulkResponse<>(responses);
    }

    private static List<CreateDownloadRequestItem> items(Call call) {
        JsonNode body = call.body(JsonNode.class);
        JavaType type = call.mapper().getTypeFactory().constructParametricType(BulkRequest.class, CreateDownloadRequestItem.class);
        try {
            BulkRequest<CreateDownloadRequestItem> request = call.mapper().convertValue(body, type);
            return request.items();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The request is not a list of items with id and resolvedCollection");
        }
    }
}
