package dk.sdu.im.server.metrics;

import dk.sdu.im.api.http.Handshake;
import dk.sdu.im.api.http.HttpListener;
import dk.sdu.im.api.http.PeerCheck;
import dk.sdu.im.api.http.PlainEndpoint;
import dk.sdu.im.api.http.PlainReply;
import dk.sdu.im.config.MetricsConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The loopback listener of {@code server.metrics}: {@code GET /metrics} (Prometheus text format), {@code /healthz}
 * (200 while the process serves at all) and {@code /readyz} (200 ready, 503 naming each failing check); the health
 * replies also name the version. Any local account may connect (Prometheus runs as its own user), so the listener is
 * the project's own bounded one: at most {@value #MAX_CONNECTIONS} connections at once (more are closed at accept), a
 * request head of at most 8 KiB that must arrive within {@value #HEAD_SECONDS} s, no request body, one reply per
 * connection, a virtual thread per connection. A flood of idle connections therefore holds a few dozen small buffers,
 * whatever its size; it can delay a scrape, not grow IM/Server's memory. Loopback only: the configuration refuses
 * any other address and {@link HttpListener} refuses to bind one.
 */
public final class MetricsListener implements AutoCloseable {
    static final int MAX_CONNECTIONS = 16;
    static final int HEAD_SECONDS = 5;

    private final HttpListener listener;

    private MetricsListener(HttpListener listener) {
        this.listener = listener;
    }

    /**
     * Binds {@code config}'s loopback address and serves.
     *
     * @throws IOException if the address cannot be bound
     */
    public static MetricsListener start(MetricsConfig config, ServerMetrics metrics, Readiness readiness, String version)
            throws IOException {
        Map<String, PlainEndpoint> endpoints = Map.of(
                "/metrics", (request, reply) -> answer(request, reply, 200, ServerMetrics.contentType(), metrics.scrape()),
                "/healthz", (request, reply) -> answer(request, reply, 200, TEXT, text("alive\nversion: " + version + "\n")),
                "/readyz", (request, reply) -> ready(request, reply, readiness.verdict(), version));
        var settings = new HttpListener.Settings(Duration.ofSeconds(HEAD_SECONDS), 8 * 1024, 1024, 1,
                Duration.ofSeconds(HEAD_SECONDS), () -> { });
        return new MetricsListener(HttpListener.start(new InetSocketAddress(config.host(), config.port()),
                new HttpListener.Endpoints(Map.of(), endpoints), settings, PeerCheck.ANYONE, MAX_CONNECTIONS));
    }

    private static final String TEXT = "text/plain; charset=utf-8";

    private static void ready(Handshake request, PlainReply reply, Readiness.Verdict verdict, String version)
            throws IOException {
        var body = new StringBuilder(verdict.ready() ? "ready\n" : "not ready\n").append("version: ").append(version).append('\n');
        verdict.failing().forEach(f -> body.append("failing: ").append(f.check()).append(": ").append(f.problem()).append('\n'));
        answer(request, reply, verdict.ready() ? 200 : 503, TEXT, text(body.toString()));
    }

    private static void answer(Handshake request, PlainReply reply, int status, String type, byte[] body)
            throws IOException {
        boolean head = request.method().equals("HEAD");
        if (!head && !request.method().equals("GET")) {
            body = text("only GET and HEAD\n");
            status = 405;
            type = TEXT;
        }
        SequencedMap<String, String> fields = new LinkedHashMap<>();
        fields.put("Content-Type", type);
        fields.put("Content-Length", Integer.toString(body.length));
        fields.put("Cache-Control", "no-store");
        reply.head(status, fields);
        if (!head) {
            reply.bytes(body);
        }
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The bound address, with the actual port. */
    public InetSocketAddress address() {
        return listener.address();
    }

    @Override
    public void close() {
        listener.close();
    }
}
