package dk.sdu.im.user.transfer;

import dk.sdu.im.api.log.RequestLog;
import dk.sdu.im.api.rpc.UsernameHints;
import dk.sdu.im.api.wire.Transfers.CreateUploadRequestItem;
import dk.sdu.im.api.wire.Transfers.CreateUploadResponseItem;
import dk.sdu.im.user.files.DriveRoot;
import dk.sdu.im.user.files.FileOperations;
import dk.sdu.im.user.files.TaskReporter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real drive "12" in a temporary directory, an upload service for alice on provider "slurm", and (after
 * {@link #startServer()}) the CHUNKED handler on a real JDK HTTP server at 127.0.0.1 on an ephemeral port.
 */
final class UploadFixture implements AutoCloseable {
    static final String ALICE = "alice#1234";
    static final String PUBLIC_URL = "https://slurm.example.org";
    static final Instant START = Instant.parse("2026-08-21T10:00:00Z");
    /** What the browser offers for files and folders alike (WEBSOCKET_V2 is chosen). */
    static final List<String> BROWSER = List.of("CHUNKED", "WEBSOCKET");
    /** What a client offers that speaks only CHUNKED (CHUNKED is chosen for a file). */
    static final List<String> CHUNKED_ONLY = List.of("CHUNKED");

    final Path base;
    final Path root;
    final DriveRoot drive;
    final MutableClock clock = new MutableClock(START);
    final CapabilityTokens tokens = new CapabilityTokens(clock, new SecureRandom());
    final UploadService service = new UploadService(tokens, clock, URI.create(PUBLIC_URL), "slurm",
            new FileOperations(TaskReporter.loggingOnly()));
    final RecordingMeter meter = new RecordingMeter();
    final ChunkedUploads chunked = new ChunkedUploads(service, clock, meter);
    final AtomicInteger activity = new AtomicInteger();
    private LocalHandlerServer server;

    UploadFixture(Path temp) throws IOException {
        this.base = temp.toRealPath();
        this.root = Files.createDirectory(base.resolve("12"));
        this.drive = DriveRoot.of("12", root);
    }

    Path file(String relative, byte[] content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    /** A file of {@code size} random bytes (seeded by the size) at {@code name} under {@code dir}, its folders made. */
    static Path randomFile(Path dir, String name, int size) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, DownloadFixture.randomBytes(size));
    }

    Path folder(String relative) throws IOException {
        return Files.createDirectories(root.resolve(relative));
    }

    static CreateUploadRequestItem item(String id, String type, String policy, List<String> protocols) {
        return new CreateUploadRequestItem(id, type, protocols, policy, null);
    }

    /** createUpload of a FILE by a client that offers only CHUNKED (so CHUNKED is chosen). */
    CreateUploadResponseItem uploadFile(String id, String policy) {
        return service.createUpload(drive, item(id, "FILE", policy, CHUNKED_ONLY), ALICE);
    }

    CreateUploadResponseItem uploadFolder(String id, String policy) {
        return service.createUpload(drive, item(id, "FOLDER", policy, BROWSER), ALICE);
    }

    UploadSession session(CreateUploadResponseItem response) {
        return service.redeem(response.token(), UsernameHints.NONE);
    }

    /** Every entry of the drive, relative, sorted (hidden partial files included). */
    List<String> listing() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            List<String> names = new ArrayList<>();
            walk.filter(p -> !p.equals(root)).forEach(p -> names.add(root.relativize(p).toString()));
            return names.stream().sorted().toList();
        }
    }

    /** The hidden partial files anywhere in the drive. */
    List<String> partials() throws IOException {
        return listing().stream().filter(p -> p.contains(PartialFile.MARK)).toList();
    }

    void startServer() throws IOException {
        server = LocalHandlerServer.start(service.uploadPath(), new ChunkedUploadHandler(chunked, service.uploadPath(),
                new RequestLog(), activity::incrementAndGet));
    }

    int port() {
        return server.port();
    }

    /** The endpoint as this test server serves it: same path and query, local address. */
    URI local(String endpoint) {
        return server.local(endpoint, PUBLIC_URL);
    }

    /** POSTs one chunk to {@code endpoint} with the protocol's headers; extra headers as name, value pairs. */
    HttpResponse<String> chunk(CreateUploadResponseItem upload, long offset, long total, byte[] body, String... extra)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(local(upload.endpoint()))
                .header("Chunked-Upload-Token", upload.token())
                .header("Chunked-Upload-Offset", Long.toString(offset))
                .header("Chunked-Upload-Total-Size", Long.toString(total))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (extra.length > 0) {
            request.headers(extra);
        }
        return server.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return server.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
