package dk.sdu.im.user.transfer;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One transfer handler on a real JDK HTTP server at 127.0.0.1 on an ephemeral port, with an HTTP/1.1 client for it:
 * what {@link UploadFixture} serves chunked uploads on.
 */
final class LocalHandlerServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private LocalHandlerServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static LocalHandlerServer start(String path, HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext(path, handler);
        server.start();
        return new LocalHandlerServer(server, executor);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code endpoint}, issued for {@code publicUrl}, as this server serves it: same path and query, local address. */
    URI local(String endpoint, String publicUrl) {
        return URI.create(endpoint.replace(publicUrl, "http://127.0.0.1:" + port()));
    }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        return client.send(request, body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        client.close();
    }
}
