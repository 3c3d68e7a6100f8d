package dk.sdu.im.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for IM/Server or an IM/User instance: a JDK HTTP server on 127.0.0.1 that answers who it
 * is and what it received ({@code key=value} lines, see {@link BackendReply}). With {@code ?chunks=N}
 * it answers {@code N} pieces with chunked framing instead.
 */
final class NamedBackend implements AutoCloseable {
    private final String name;
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    NamedBackend(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    int requests() {
        return requests.get();
    }

    /** The pieces a {@code ?chunks=N} request gets, concatenated. */
    static String chunkedBody(String name, int pieces) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            body.append(piece(name, i));
        }
        return body.toString();
    }

    private static String piece(String name, int i) {
        return (name + " piece " + i + "\n").repeat(500);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            MessageDigest sha = sha256();
            long length = drain(exchange.getRequestBody(), sha);
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null && query.startsWith("chunks=")) {
                answerInPieces(exchange, Integer.parseInt(query.substring(7)));
            } else {
                answer(exchange, describe(exchange, length, sha));
            }
        }
    }

    private String describe(HttpExchange exchange, long length, MessageDigest sha) {
        var headers = exchange.getRequestHeaders();
        return "backend=" + name + "\n"
                + "method=" + exchange.getRequestMethod() + "\n"
                + "uri=" + exchange.getRequestURI() + "\n"
                + "bodyBytes=" + length + "\n"
                + "bodySha256=" + HexFormat.of().formatHex(sha.digest()) + "\n"
                + "ucloud-username=" + headers.getFirst("ucloud-username") + "\n"
                + "authorization=" + headers.getFirst("Authorization") + "\n"
                + "x-custom=" + headers.get("X-Custom") + "\n"
                + "x-forwarded-for=" + headers.get("X-Forwarded-For") + "\n"
                + "x-forwarded-proto=" + headers.get("X-Forwarded-Proto") + "\n";
    }

    private static void answer(HttpExchange exchange, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private void answerInPieces(HttpExchange exchange, int pieces) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (int i = 0; i < pieces; i++) {
            out.write(piece(name, i).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private static long drain(InputStream in, MessageDigest sha) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            sha.update(buffer, 0, read);
            total += read;
        }
        return total;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
