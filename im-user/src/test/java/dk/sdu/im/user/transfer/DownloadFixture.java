package dk.sdu.im.user.transfer;

import dk.sdu.im.api.log.RequestLog;
import dk.sdu.im.api.wire.Transfers.CreateDownloadResponseItem;
import dk.sdu.im.user.files.DriveRoot;
import dk.sdu.im.api.http.HttpListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real drive "12" in a temporary directory, a download service for alice on provider "slurm", and (after
 * {@link #startServer()}) the download endpoint on a real listener at 127.0.0.1 on an ephemeral port, as
 * IM/User serves it, with an HTTP/1.1 client.
 */
final class DownloadFixture implements AutoCloseable {
    static final String ALICE = "alice#1234";
    static final String PUBLIC_URL = "https://slurm.example.org";
    static final Instant START = Instant.parse("2026-08-21T10:00:00Z");

    final Path base;
    final Path root;
    final DriveRoot drive;
    final MutableClock clock = new MutableClock(START);
    final CapabilityTokens tokens = new CapabilityTokens(clock, new SecureRandom());
    final DownloadService service = new DownloadService(tokens, clock, URI.create(PUBLIC_URL), "slurm");
    final AtomicInteger activity = new AtomicInteger();
    final RecordingMeter meter = new RecordingMeter();
    private HttpListener server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    DownloadFixture(Path temp) throws IOException {
        this.base = temp.toRealPath();
        this.root = Files.createDirectory(base.resolve("12"));
        this.drive = DriveRoot.of("12", root);
    }

    Path file(String relative, byte[] content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** The endpoint URL of a new download of {@code ucloudPath} for alice. */
    String endpoint(String ucloudPath) {
        CreateDownloadResponseItem item = service.createDownload(drive, ucloudPath, ALICE);
        return item.endpoint();
    }

    static String token(String endpoint) {
        String query = URI.create(endpoint).getRawQuery();
        int end = query.indexOf('&');
        return query.substring("token=".length(), end < 0 ? query.length() : end);
    }

    void startServer() throws IOException {
        var endpoint = new DownloadEndpoint(new DownloadResponder(service), new RequestLog(), activity::incrementAndGet, meter);
        server = HttpListener.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new HttpListener.Endpoints(Map.of(), Map.of(service.downloadPath(), endpoint)), HttpListener.Settings.defaults());
    }

    int port() {
        return server.address().getPort();
    }

    /** The endpoint as this test server serves it: same path and query, local address. */
    URI local(String endpoint) {
        return URI.create(endpoint.replace(PUBLIC_URL, "http://127.0.0.1:" + port()));
    }

    HttpResponse<byte[]> get(String endpoint, String... headers) throws IOException, InterruptedException {
        return send("GET", local(endpoint), headers);
    }

    HttpResponse<byte[]> send(String method, URI uri, String... headers) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        client.close();
    }
}
