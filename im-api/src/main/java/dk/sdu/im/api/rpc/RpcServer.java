package dk.sdu.im.api.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.http.HttpListener;
import dk.sdu.im.api.http.PeerCheck;
import dk.sdu.im.api.log.RequestLog;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The provider API server of one process: one listener, one routing table of exact paths, a virtual
 * thread per request. Order per request: find the route, read the body within the size limit, resolve
 * the caller (token, user context, access), run the handler, translate errors, write one log line.
 *
 * <p>Serves on an {@link HttpListener}, so a connection is checked ({@link PeerCheck}) before a byte of it is read
 * and gets that listener's bounds (head size and time, connection cap, strict body framing). Binds only loopback
 * addresses (DESIGN 4.6); the listener refuses any other.
 */
public final class RpcServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RpcServer.class.getName());
    /** How much of an oversized body is read and discarded so that the client sees the 413. */
    static final long MAX_DRAIN_BYTES = 64L * 1024 * 1024;

    private final HttpListener listener;

    private RpcServer(HttpListener listener) {
        this.listener = listener;
    }

    /**
     * Binds and starts serving the connections {@code peers} admits; every other connection is closed unread.
     *
     * @throws IllegalArgumentException if {@code bind} is not a loopback address
     * @throws IOException if the address could not be bound
     */
    public static RpcServer start(InetSocketAddress bind, List<Route> routes, Settings settings, PeerCheck peers)
            throws IOException {
        var endpoints = new HttpListener.Endpoints(Map.of(), Map.of(), Map.of("/", handler(routes, settings)));
        return new RpcServer(HttpListener.start(bind, endpoints, HttpListener.Settings.defaults(), peers));
    }

    /**
     * The dispatcher alone, for a listener that serves more than calls (IM/User's also serves uploads, downloads
     * and WebSocket upgrades): the same routing, limits, caller resolution and log.
     */
    public static HttpHandler handler(List<Route> routes, Settings settings) {
        return new Dispatcher(table(routes), settings)::handle;
    }

    /** The bound address, with the actual port. */
    public InetSocketAddress address() {
        return listener.address();
    }

    /** Stops accepting and closes every connection; idempotent. */
    @Override
    public void close() {
        listener.close();
    }

    /**
     * What the dispatcher needs besides the routes; {@code onRequest} runs for every request whose caller was
     * accepted (IM/User uses it to track idleness, so refused requests cannot keep an instance alive).
     */
    public record Settings(CallerResolver callers, ObjectMapper mapper, long maxRequestBytes, RequestLog log,
                           Runnable onRequest) {
        public Settings(CallerResolver callers, ObjectMapper mapper, long maxRequestBytes, RequestLog log) {
            this(callers, mapper, maxRequestBytes, log, () -> { });
        }
    }

    private static Map<String, Map<String, Route>> table(List<Route> routes) {
        Map<String, Map<String, Route>> table = new HashMap<>();
        for (Route route : routes) {
            Route previous = table.computeIfAbsent(route.path(), p -> new HashMap<>()).put(route.method(), route);
            if (previous != null) {
                throw new IllegalArgumentException("two routes for " + route.method() + " " + route.path());
            }
        }
        return Map.copyOf(table);
    }

    private record Dispatcher(Map<String, Map<String, Route>> table, Settings settings) {
        void handle(HttpExchange exchange) {
            long started = System.nanoTime();
            String callName = "unknown";
            Caller caller = Caller.SYSTEM;
            int status;
            try {
                Route route = route(exchange);
                callName = route.callName();
                Map<String, List<String>> query = parseQuery(exchange.getRequestURI().getRawQuery());
                caller = settings.callers().resolve(route.access(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("ucloud-username"),
                        new UsernameHints(query.getOrDefault("usernameHint", List.of())));
                settings.onRequest().run();
                byte[] body = readBody(exchange);
                status = write(exchange, route.handler().handle(new Call(caller, query, body, settings.mapper())));
            } catch (Exception e) {
                status = writeError(exchange, e, callName);
            } finally {
                exchange.close();
            }
            settings.log().request(callName, caller.describe(), status, System.nanoTime() - started);
        }

        private Route route(HttpExchange exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, Route> byMethod = table.get(path);
            if (byMethod == null) {
                throw ApiException.notFound("No such call: " + exchange.getRequestMethod() + " " + path);
            }
            Route route = byMethod.get(exchange.getRequestMethod());
            if (route == null) {
                throw ApiException.of(405, "Method " + exchange.getRequestMethod() + " is not allowed on " + path, null);
            }
            return route;
        }

        private byte[] readBody(HttpExchange exchange) throws IOException {
            long limit = settings.maxRequestBytes();
            String declared = exchange.getRequestHeaders().getFirst("Content-Length");
            try (InputStream in = exchange.getRequestBody()) {
                if (declared != null && parseLength(declared) > limit) {
                    throw tooLarge(in, limit);
                }
                byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
                if (body.length > limit) {
                    throw tooLarge(in, limit);
                }
                return body;
            }
        }

        /**
         * Reads and discards what the client is still sending (up to a bound) before the 413 goes out, so the
         * client reads the answer instead of a reset connection; beyond the bound the connection just closes.
         */
        private static ApiException tooLarge(InputStream in, long limit) throws IOException {
            long drained = 0;
            byte[] sink = new byte[64 * 1024];
            for (int n; drained < MAX_DRAIN_BYTES && (n = in.read(sink)) > 0; ) {
                drained += n;
            }
            return ApiException.tooLarge("The request body is larger than " + limit + " bytes");
        }

        private static long parseLength(String value) {
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Invalid Content-Length");
            }
        }

        private int write(HttpExchange exchange, Reply reply) throws IOException {
            return switch (reply) {
                case Reply.Json json -> send(exchange, json.status(), "application/json; charset=utf-8",
                        settings.mapper().writeValueAsBytes(json.body() == null ? Map.of() : json.body()));
                case Reply.Html html -> send(exchange, html.status(), "text/html; charset=utf-8",
                        html.page().getBytes(StandardCharsets.UTF_8));
            };
        }

        private int writeError(HttpExchange exchange, Exception e, String callName) {
            ApiException error = e instanceof ApiException api ? api : internal(e, callName);
            if (error.status() == 401) {
                LOG.info(() -> callName + ": token rejected: " + error.getMessage());
            } else if (error.status() >= 500 && error != e) {
                LOG.log(Level.WARNING, callName + " failed", e);
            } else if (error.status() >= 500) {
                LOG.warning(() -> callName + ": " + error.getMessage());
            }
            var body = dk.sdu.im.api.wire.Envelopes.ErrorBody.of(error);
            try {
                return send(exchange, error.status(), "application/json; charset=utf-8",
                        settings.mapper().writeValueAsBytes(body));
            } catch (IOException io) {
                return error.status();
            }
        }

        private static ApiException internal(Exception e, String callName) {
            if (e instanceof IOException) {
                return ApiException.of(400, "The request could not be read", null);
            }
            return ApiException.of(500, "Internal error in " + callName, null);
        }

        private static int send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            return status;
        }
    }

    static Map<String, List<String>> parseQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return Map.copyOf(query);
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Malformed query string");
        }
    }
}
