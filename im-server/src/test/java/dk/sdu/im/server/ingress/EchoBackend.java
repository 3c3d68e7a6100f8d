package dk.sdu.im.server.ingress;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A loopback HTTP server that answers every request with its own name and a few of the request's fields; a request
 * for {@code /hold} waits until {@link #release()}.
 */
final class EchoBackend implements AutoCloseable {
    private final HttpServer server;
    private final java.util.concurrent.CountDownLatch held;

    private EchoBackend(HttpServer server, java.util.concurrent.CountDownLatch held) {
        this.server = server;
        this.held = held;
    }

    static EchoBackend start(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        var held = new java.util.concurrent.CountDownLatch(1);
        server.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/hold")) {
                try {
                    held.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
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
        return new EchoBackend(server, held);
    }

    /** Lets every held request, and every later one for {@code /hold}, be answered. */
    void release() {
        held.countDown();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
