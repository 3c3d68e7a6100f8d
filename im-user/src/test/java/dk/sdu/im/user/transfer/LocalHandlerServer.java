package dk.sdu.im.user.transfer;

import com.sun.net.httpserver.HttpHandler;
import dk.sdu.im.api.http.HttpListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * One transfer handler mounted on IM/User's own listener at 127.0.0.1 on an ephemeral port, as a real instance
 * mounts it, with an HTTP/1.1 client for it: what {@link UploadFixture} serves chunked uploads on.
 */
final class LocalHandlerServer implements AutoCloseable {
    private final HttpListener server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private LocalHandlerServer(HttpListener server) {
        this.server = server;
    }

    static LocalHandlerServer start(String path, HttpHandler handler) throws IOException {
        return new LocalHandlerServer(HttpListener.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new HttpListener.Endpoints(Map.of(), Map.of(), Map.of(path, handler)), HttpListener.Settings.defaults()));
    }

    int port() {
        return server.address().getPort();
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
        server.close();
        client.close();
    }
}
