package dk.sdu.im.user;

import dk.sdu.im.api.rpc.Access;
import dk.sdu.im.api.rpc.Reply;
import dk.sdu.im.api.rpc.Route;
import dk.sdu.im.api.wire.Files;
import com.fasterxml.jackson.core.type.TypeReference;
import dk.sdu.im.api.wire.Envelopes.BulkRequest;
import dk.sdu.im.user.files.FileBrowser;
import dk.sdu.im.user.files.FileCalls;
import dk.sdu.im.user.transfer.CreateDownloadCall;
import dk.sdu.im.user.transfer.CreateUploadCall;
import java.util.List;

/** IM/User's routing table: every call is a user call, checked by the dispatcher against the assigned user. */
final class UserRoutes {
    private UserRoutes() {
    }

    static List<Route> routes(String providerId, UserDrives drives, FileBrowser browser, Transfers transfers,
                              FileCalls files) {
        String base = "/ucloud/" + providerId;
        return List.of(
                new Route("POST", base + "/files/folder", "files.createFolder", Access.USER,
                        call -> Reply.json(files.createFolder(call.body(new TypeReference<BulkRequest<Files.CreateFolderRequest>>() { })))),
                new Route("POST", base + "/files/move", "files.move", Access.USER,
                        call -> Reply.json(files.move(call.body(new TypeReference<BulkRequest<Files.MoveOrCopyRequest>>() { })))),
                new Route("POST", base + "/files/copy", "files.copy", Access.USER,
                        call -> Reply.json(files.copy(call.body(new TypeReference<BulkRequest<Files.MoveOrCopyRequest>>() { })))),
                new Route("POST", base + "/files/trash", "files.trash", Access.USER,
                        call -> Reply.json(files.trash(call.body(new TypeReference<BulkRequest<Files.TrashRequest>>() { })))),
                new Route("POST", base + "/files/emptyTrash", "files.emptyTrash", Access.USER,
                        call -> Reply.json(files.emptyTrash(call.body(new TypeReference<BulkRequest<Files.EmptyTrashRequest>>() { })))),
                new Route("DELETE", base + "/files", "files.delete", Access.USER,
                        call -> Reply.json(files.delete(call.body(new TypeReference<BulkRequest<Files.DeleteRequest>>() { })))),
                CreateDownloadCall.route(providerId, drives::resolve, transfers.downloads()),
                CreateUploadCall.route(providerId, drives::resolve, transfers.uploads()),
                new Route("POST", base + "/files/browse", "files.browse", Access.USER, call -> {
                    var request = call.body(Files.BrowseRequest.class);
                    return Reply.json(browser.browse(drives.resolve(request.resolvedCollection()), present(request.browse(), "Browse")));
                }),
                new Route("POST", base + "/files/retrieve", "files.retrieve", Access.USER, call -> {
                    var request = call.body(Files.RetrieveRequest.class);
                    return Reply.json(browser.retrieve(drives.resolve(request.resolvedCollection()), present(request.retrieve(), "retrieve")));
                }));
    }

    private static <T> T present(T value, String key) {
        if (value == null) {
            throw dk.sdu.im.api.ApiException.badRequest("The request has no '" + key + "' object");
        }
        return value;
    }
}
