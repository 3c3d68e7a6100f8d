package dk.sdu.im.user.transfer;

import dk.sdu.im.api.rpc.Access;
import dk.sdu.im.api.rpc.Call;
import dk.sdu.im.api.rpc.Reply;
import dk.sdu.im.api.rpc.Route;
import dk.sdu.im.api.wire.Envelopes.BulkResponse;
import dk.sdu.im.api.wire.Files;
import dk.sdu.im.api.wire.Transfers.CreateUploadRequestItem;
import dk.sdu.im.api.wire.Transfers.CreateUploadResponseItem;
import dk.sdu.im.user.files.DriveRoot;
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
        return BulkTransferCall.answer(call, CreateUploadRequestItem.class, "id, type and resolvedCollection",
                (item, user) -> uploads.createUpload(drives.apply(item.resolvedCollection()), item, user));
    }
}
