package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.util.Optional;

/**
 * The one HTTP entry point for Core's routes. Order per request: injected faults, routing (404/405),
 * provider authentication (401), body parsing (400), the endpoint; every {@link CoreError} becomes an
 * error reply here and nowhere else. Unexpected exceptions are logged and answered with 500 without
 * details. The request is logged after the endpoint ran, so its effects are visible to a waiting test.
 */
final class CoreHttpHandler implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(CoreHttpHandler.class.getName());

    private final CoreRoutes routes;
    private final ProviderAccessTokens accessTokens;
    private final FaultInjector faults;
    private final RequestLog log;
    private final ObjectMapper mapper;

    CoreHttpHandler(CoreRoutes routes, ProviderAccessTokens accessTokens, FaultInjector faults, RequestLog log,
                    ObjectMapper mapper) {
        this.routes = routes;
        this.accessTokens = accessTokens;
        this.faults = faults;
        this.log = log;
        this.mapper = mapper;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Incoming request = Incoming.read(exchange, mapper);
            JsonReply reply = serve(request);
            log.append(request.record(reply.status()));
            reply.write(exchange, request.acceptsGzip(), mapper);
        }
    }

    private JsonReply serve(Incoming request) {
        Optional<FaultInjector.Fault> fault = faults.intercept(request.path());
        if (fault.isPresent()) {
            return JsonReply.error(fault.get().status(), fault.get().why());
        }
        try {
            Route route = routes.find(request.method(), request.path());
            String provider = route.access() == Route.Access.PROVIDER
                    ? accessTokens.authenticate(request.header("authorization")) : null;
            JsonNode body = route.takesBody() ? request.requireJson() : null;
            return JsonReply.ok(route.endpoint().handle(new Call(provider, request.query(), body)));
        } catch (CoreError e) {
            return JsonReply.error(e.status(), e.why());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "FakeCore failed on " + request.method() + " " + request.path(), e);
            return JsonReply.error(500, "Internal Server Error");
        }
    }
}
