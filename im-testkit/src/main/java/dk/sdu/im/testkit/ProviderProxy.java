package dk.sdu.im.testkit;

import dk.sdu.im.testkit.client.Caller;
import dk.sdu.im.testkit.core.FakeCore;
import dk.sdu.im.testkit.core.Provider;
import dk.sdu.im.testkit.client.ProviderClient;
import dk.sdu.im.testkit.client.Reply;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * {@code /_testkit/provider/<rest>} → {@code <providerUrl>/<rest>}, for trying a provider with curl.
 * Forwards method, query and body; drops the caller's {@code Authorization} and {@code Content-Type} (Core
 * sends none) and adds Core's credentials: a fresh service token, or a user token plus the base64
 * {@code ucloud-username} header when the request names a user, either as a plain-text
 * {@code ucloud-username} header or as {@code ?asUser=alice%231234} (removed before forwarding). Other
 * headers are passed through. The provider's status, {@code Content-Type} and (decoded) body come back
 * unchanged; an unreachable provider is a 502.
 *
 * <p>Trust: none needed, none given: anyone who can reach the loopback port gets Core's powers over the
 * provider. Development mode only.
 */
public final class ProviderProxy implements HttpHandler {
    public static final String PREFIX = "/_testkit/provider/";
    private static final Set<String> NOT_FORWARDED = Set.of("authorization", "ucloud-username", "content-type",
            "content-length", "host", "connection", "expect", "upgrade", "accept-encoding", "user-agent",
            "transfer-encoding", "keep-alive", "te", "trailer");

    private final ProviderClient client;

    ProviderProxy(ProviderClient client) {
        this.client = client;
    }

    /** Serves {@value #PREFIX} on {@code core}, forwarding to the provider at {@code providerUrl}. */
    public static void mount(FakeCore core, Provider provider, java.net.URI providerUrl) {
        core.mount(PREFIX, new ProviderProxy(new ProviderClient(providerUrl, provider.id(), provider.tokens())));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String user = user(exchange);
            Caller caller = user == null ? client.asSystem() : client.asUser(user);
            for (var header : exchange.getRequestHeaders().entrySet()) {
                if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    for (String value : header.getValue()) {
                        caller = caller.withHeader(header.getKey(), value);
                    }
                }
            }
            respond(exchange, forward(exchange, caller, body.length == 0 ? null : body));
        }
    }

    private Reply forward(HttpExchange exchange, Caller caller, byte[] body) {
        String rest = exchange.getRequestURI().getRawPath().substring(PREFIX.length());
        try {
            return caller.raw(exchange.getRequestMethod(), "/" + rest + forwardedQuery(exchange), body);
        } catch (UncheckedIOException e) {
            return error(502, "Provider unreachable");
        } catch (IllegalArgumentException e) {
            return error(400, "Cannot forward this request"); // e.g. a method or header the JDK client refuses
        }
    }

    private static Reply error(int status, String why) {
        String body = "{\"statusCode\":" + status + ",\"why\":\"" + why + "\",\"errorCode\":null}";
        return new Reply(status, Map.of("Content-Type", List.of("application/json; charset=utf-8")), body);
    }

    private static void respond(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        String contentType = reply.header("Content-Type");
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String user(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("ucloud-username");
        String asUser = queryParameters(exchange).stream().filter(p -> p.startsWith("asUser=")).findFirst()
                .map(p -> URLDecoder.decode(p.substring("asUser=".length()), StandardCharsets.UTF_8)).orElse(null);
        return asUser != null && !asUser.isEmpty() ? asUser : header;
    }

    private static String forwardedQuery(HttpExchange exchange) {
        StringJoiner kept = new StringJoiner("&", "?", "").setEmptyValue("");
        queryParameters(exchange).stream().filter(p -> !p.equals("asUser") && !p.startsWith("asUser="))
                .forEach(kept::add);
        return kept.toString();
    }

    private static List<String> queryParameters(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        return raw == null || raw.isEmpty() ? List.of() : List.of(raw.split("&"));
    }
}
