package dk.sdu.im.server.calls;

import dk.sdu.im.api.rpc.Access;
import dk.sdu.im.api.rpc.Reply;
import dk.sdu.im.api.rpc.Route;
import dk.sdu.im.api.wire.Envelopes.BulkResponse;
import java.util.ArrayList;
import java.util.List;

/** IM/Server's whole routing table, in one place: path, call name, who may call, handler. */
public final class ServerRoutes {
    /** Resource types whose products this provider does not offer; Core polls them anyway. */
    private static final List<String> UNSUPPORTED_RESOURCES = List.of("ingresses", "networkips", "licenses", "private-networks");

    private ServerRoutes() {
    }

    public static List<Route> routes(String providerId, ProductsCalls products, IntegrationCalls integration,
                                     TaskCalls tasks) {
        String base = "/ucloud/" + providerId;
        List<Route> routes = new ArrayList<>(List.of(
                new Route("GET", base + "/integration/retrieveManifest", "integration.retrieveManifest", Access.SYSTEM,
                        call -> Reply.json(integration.manifest())),
                new Route("POST", base + "/integration/connect", "integration.connect", Access.SYSTEM, integration::connect),
                new Route("POST", base + "/integration/unlinked", "integration.unlinked", Access.SYSTEM, integration::unlinked),
                new Route("POST", base + "/integration/init", "integration.init", Access.SYSTEM_OR_USER, integration::init),
                new Route("GET", base + "/integration/howToConnect", "integration.howToConnect", Access.PUBLIC,
                        integration::howToConnect),
                new Route("GET", base + "/files/collections/retrieveProducts", "files.collections.retrieveProducts",
                        Access.SYSTEM, call -> Reply.json(new BulkResponse<>(products.storage()))),
                new Route("GET", base + "/jobs/retrieveProducts", "jobs.retrieveProducts", Access.SYSTEM,
                        call -> Reply.json(new BulkResponse<>(products.compute())))));
        for (String resource : UNSUPPORTED_RESOURCES) {
            routes.add(new Route("GET", base + "/" + resource + "/retrieveProducts", resource + ".retrieveProducts",
                    Access.SYSTEM, call -> Reply.json(new BulkResponse<>(List.of()))));
        }
        routes.addAll(taskRoutes(providerId, tasks));
        return List.copyOf(routes);
    }

    /** Background tasks (contract 3.6); on their own so a test can serve them without the rest. */
    public static List<Route> taskRoutes(String providerId, TaskCalls tasks) {
        return List.of(new Route("POST", "/ucloud/" + providerId + "/tasks/pauseOrCancel", "tasks.pauseOrCancel",
                Access.SYSTEM, tasks::pauseOrCancel));
    }
}
