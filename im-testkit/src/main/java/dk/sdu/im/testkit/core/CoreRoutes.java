package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static dk.sdu.im.testkit.core.Route.Access.PROVIDER;
import static dk.sdu.im.testkit.core.Route.Access.PUBLIC;

/**
 * The routing table: every endpoint FakeCore serves (contract 2.3, 4 and 7), in one place, with its
 * access rule. Handlers hold no auth logic; the table says who may call them.
 */
final class CoreRoutes {
    /** Resource types Core knows for checkExistence (contract 4.1); only jobs and drives are tracked. */
    private static final Set<String> RESOURCE_TYPES = Set.of("job", "file_collection", "ingress", "network_ip",
            "license", "private_network", "share");

    private final Map<String, Map<String, Route>> byPath = new HashMap<>();

    CoreRoutes(Catalogues c) {
        add("POST", "/auth/providers/refresh", PUBLIC, new RefreshEndpoint(c.providers(), c.accessTokens()));
        add("GET", "/api/products/v2/browse", PUBLIC, call -> c.products().browse(call.query()));
        add("POST", "/api/products/v2", PROVIDER, call -> c.products().register(call.provider(), call.items()));
        add("POST", "/api/providers/integration/control/approveConnection", PROVIDER,
                call -> c.connections().approve(call.provider(), call.body()));
        add("POST", "/api/providers/integration/control/clearConnection", PROVIDER,
                call -> c.connections().clear(call.provider(), call.body()));
        add("POST", "/api/files/collections/control/register", PROVIDER,
                call -> c.drives().register(call.provider(), call.items()));
        add("GET", "/api/files/collections/control/retrieve", PROVIDER,
                call -> c.drives().retrieve(call.provider(), call.requireQuery("id")));
        add("GET", "/api/files/collections/control/browse", PROVIDER,
                call -> c.drives().browse(call.provider(), call.query()));
        add("POST", "/api/jobs/control/update", PROVIDER, call -> c.jobs().update(call.provider(), call.items()));
        add("GET", "/api/jobs/control/retrieve", PROVIDER,
                call -> c.jobs().retrieve(call.provider(), call.requireQuery("id")));
        add("GET", "/api/jobs/control/browse", PROVIDER, call -> c.jobs().browse(call.provider(), call.query()));
        add("POST", "/api/accounting/v2/reportUsage", PROVIDER, call -> c.usage().report(call.provider(), call.items()));
        add("POST", "/api/providers/resources/checkExistence", PROVIDER, call -> checkExistence(c, call));
        add("POST", "/api/tasks", PROVIDER, call -> c.tasks().create(call.provider(), call.body()));
        add("POST", "/api/tasks/postStatus", PROVIDER, call -> c.tasks().postStatus(call.provider(), call.body()));
        add("POST", "/api/tasks/markAsComplete", PROVIDER,
                call -> c.tasks().markAsComplete(call.provider(), call.body()));
    }

    /** The route for this method and path; 404 for an unknown path, 405 for a known path's wrong method. */
    Route find(String method, String path) {
        Map<String, Route> methods = byPath.get(path);
        if (methods == null) {
            throw CoreError.notFound("Not found");
        }
        Route route = methods.get(method);
        if (route == null) {
            throw CoreError.methodNotAllowed();
        }
        return route;
    }

    private void add(String method, String path, Route.Access access, Endpoint endpoint) {
        byPath.computeIfAbsent(path, key -> new HashMap<>()).put(method, new Route(method, path, access, endpoint));
    }

    private static JsonNode checkExistence(Catalogues c, Call call) {
        ObjectNode reply = Fields.object();
        ArrayNode responses = reply.putArray("responses");
        for (JsonNode item : call.items()) {
            String type = Fields.requireText(Fields.requireObject(item, "item"), "type");
            String id = Fields.requireId(item, "id");
            responses.add(switch (type) {
                case "job" -> c.jobs().exists(call.provider(), id);
                case "file_collection" -> c.drives().exists(call.provider(), id);
                default -> {
                    if (!RESOURCE_TYPES.contains(type)) {
                        throw CoreError.badRequest("Invalid request supplied: unknown resource type '" + type + "'");
                    }
                    yield false;
                }
            });
        }
        return reply;
    }
}
