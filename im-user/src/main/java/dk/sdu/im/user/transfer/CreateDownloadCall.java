package dk.sdu.im.user.transfer;

import dk.sdu.im.api.rpc.Access;
import dk.sdu.im.api.rpc.Call;
import dk.sdu.im.api.rpc.Reply;
import dk.sdu.im.api.rpc.Route;
import dk.sdu.im.api.wire.Envelopes.BulkResponse;
import dk.sdu.im.api.wire.Files;
import dk.sdu.im.api.wire.Transfers.CreateDownloadRequestItem;
import dk.sdu.im.api.wire.Transfers.CreateDownloadResponseItem;
import dk.sdu.im.user.files.DriveRoot;
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
        return BulkTransferCall.answer(call, CreateDownloadRequestItem.class, "id and resolvedCollection",
                (item, user) -> downloads.createDownload(drives.apply(item.resolvedCollection()), item.id(), user));
    }
}
