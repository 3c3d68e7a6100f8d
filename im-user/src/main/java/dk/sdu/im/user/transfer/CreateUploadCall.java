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
import dk.sdu.im.api.wire.Transfers.CreateUploadRequestItem;
import dk.sdu.im.api.wire.Transfers.CreateUploadResponseItem;
import dk.sdu.im.user.files.DriveRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code POST /ucloud/<id>/files/upload} (contract 3.4.4), a user call: one upload URL per item, in order, as
 * Core requires. The first item that fails fails the whole call with its error (Core has no per-item error);
 * tokens already issued for earlier items expire unused, and folders made for earlier FOLDER items stay.
 */
public final class CreateUploadCall {
    private CreateUploadCall() {
    }

    /**
     * The route for IM/User's table. {@code drives} maps the drive Core resolved to a local root and refuses
     * drives that are not this user's (IM/User's {@code UserDrives::resolve}).
     */
    public static Route route(String providerId, Function<Files.Drive, DriveRoot> drives, UploadService uploads) {
        Objects.requireNonNull(drives, "drives");
        Objects.requireNonNull(uploads, "uploads");
        return new Route("POST", "/ucloud/" + providerId + "/files/upload", "files.createUpload", Access.USER,
                call -> Reply.json(handle(call, drives, uploads)));
    }

    static BulkResponse<CreateUploadResponseItem> handle(Call call, Function<Files.Drive, DriveRoot> drives,
                                                         UploadService uploads) {
        String user = call.caller().ucloudUser()
                .orElseThrow(() -> ApiException.forbidden("This call needs a user context"));
        List<CreateUploadResponseItem> responses = new ArrayList<>();
        for (CreateUploadRequestItem item : items(call)) {
            if (item == null) {
                throw ApiException.badRequest("An item of the request is null");
            }
            responses.add(uploads.createUpload(drives.apply(item.resolvedCollection()), item, user));
        }
        return new BulkResponse<>(responses);
    }

    private static List<CreateUploadRequestItem> items(Call call) {
        JsonNode body = call.body(JsonNode.class);
        JavaType type = call.mapper().getTypeFactory().constructParametricType(BulkRequest.class, CreateUploadRequestItem.class);
        try {
            BulkRequest<CreateUploadRequestItem> request = call.mapper().convertValue(body, type);
            return request.items();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The request is not a list of items with id, type and resolvedCollection");
        }
    }
}
