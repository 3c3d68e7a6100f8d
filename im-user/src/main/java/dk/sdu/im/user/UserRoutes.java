package dk.sdu.im.user;

import dk.sdu.im.api.rpc.Access;
import dk.sdu.im.api.rpc.Reply;
import dk.sdu.im.api.rpc.Route;
import dk.sdu.im.api.wire.Files;
import dk.sdu.im.user.files.FileBrowser;
import dk.sdu.im.user.transfer.CreateDownloadCall;
import dk.sdu.im.user.transfer.DownloadService;
import java.util.List;

/** IM/User's routing table: every call is a user call, checked by the dispatcher against the assigned user. */
final class UserRoutes {
    private UserRoutes() {
    }

    static List<Route> routes(String providerId, UserDrives drives, FileBrowser browser, DownloadService downloads) {
        String base = "/ucloud/" + providerId;
        return List.of(
                CreateDownloadCall.route(providerId, drives::resolve, downloads),
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
