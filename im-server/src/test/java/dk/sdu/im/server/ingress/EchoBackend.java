package dk.sdu.im.server.ingress;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A loopback HTTP server that answers every request with its own name and a few of the request's fields. */
final class EchoBackend implements AutoCloseable {
    private final HttpServer server;

    private EchoBackend(HttpServer server) {
        this.server = server;
    }

    static EchoBackend start(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", exchange -> {
            var headers = exchange.getRequestHeaders();
            byte[] body = (name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                    + " proto=" + headers.getFirst("X-Forwarded-Proto") + " for=" + headers.get("X-Forwarded-For"))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return new EchoBackend(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
