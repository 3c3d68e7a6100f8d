package dk.sdu.im.user.transfer;

import static dk.sdu.im.user.transfer.DownloadFixture.randomBytes;
import static dk.sdu.im.user.transfer.UploadFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.wire.Transfers.CreateUploadResponseItem;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract 6.3 (CHUNKED) through a real JDK HTTP server on loopback, as a browser would drive it. */
class ChunkedUploadHandlerTest {
    static final String UNKNOWN_LINK = "This upload link is unknown or has expired; start the upload again from UCloud";
    static final int MIB = 1024 * 1024;

    @TempDir
    Path temp;
    UploadFixture t;
    Path docs;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void serve() throws Exception {
        t = new UploadFixture(temp);
        docs = t.folder("docs");
        t.startServer();
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void wholeFileInOneChunkIsCommittedAndAnsweredWithAnEmptyObject() throws Exception {
        byte[] content = randomBytes(MIB + 17);
        var upload = t.uploadFile("/12/docs/one.bin", "REJECT");

        HttpResponse<String> response = t.chunk(upload, 0, content.length, content);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
        assertThat(header(response, "Chunked-Upload-Offset")).isEqualTo(Integer.toString(content.length));
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(docs.resolve("one.bin")).hasBinaryContent(content);
        assertThat(t.partials()).isEmpty();
        assertThat(t.activity.get()).isPositive();
    }

    @Test
    void manyChunksAppendAndTheNameAppearsOnlyWithTheLastByte() throws Exception {
        byte[] content = randomBytes(3 * MIB + 5);
        var upload = t.uploadFile("/12/docs/many.bin", "REJECT");
        int[] cuts = {0, 1, MIB, MIB + 333, 2 * MIB, 3 * MIB, content.length - 1, content.length};

        for (int i = 0; i + 1 < cuts.length; i++) {
            assertThat(docs.resolve("many.bin")).doesNotExist();
            HttpResponse<String> response = t.chunk(upload, cuts[i], content.length, Arrays.copyOfRange(content, cuts[i], cuts[i + 1]));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(header(response, "Chunked-Upload-Offset")).isEqualTo(Integer.toString(cuts[i + 1]));
        }

        assertThat(docs.resolve("many.bin")).hasBinaryContent(content);
        assertThat(t.listing()).containsExactly("docs", "docs/many.bin");
    }

    @Test
    void resendOfAnEarlierOffsetRewritesFromThere() throws Exception {
        byte[] content = randomBytes(300);
        var upload = t.uploadFile("/12/docs/resend.bin", "REJECT");

        t.chunk(upload, 0, 300, Arrays.copyOfRange(content, 0, 100));
        t.chunk(upload, 100, 300, Arrays.copyOfRange(content, 100, 200));
        HttpResponse<String> resend = t.chunk(upload, 50, 300, Arrays.copyOfRange(content, 50, 150));
        assertThat(header(resend, "Chunked-Upload-Offset")).isEqualTo("150");
        t.chunk(upload, 150, 300, Arrays.copyOfRange(content, 150, 300));

        assertThat(docs.resolve("resend.bin")).hasBinaryContent(content);
    }

    @Test
    void anOffsetPastTheBytesHeldIsRefusedWith409NamingTheServersOffset() throws Exception {
        var upload = t.uploadFile("/12/docs/gap.bin", "REJECT");
        t.chunk(upload, 0, 300, new byte[100]);

        HttpResponse<String> response = t.chunk(upload, 150, 300, new byte[50]);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(header(response, "Chunked-Upload-Offset")).isEqualTo("100");
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("statusCode").asInt()).isEqualTo(409);
        assertThat(body.get("why").asText()).isEqualTo("The server holds 100 bytes of /12/docs/gap.bin; continue from offset 100, not 150");
        assertThat(header(response, "Access-Control-Expose-Headers")).contains("Chunked-Upload-Offset");
        assertThat(Files.size(docs.resolve(t.partials().getFirst().substring("docs/".length())))).isEqualTo(100);
    }

    @Test
    void resumeAfterAnInterruptedChunkContinuesFromWhatTheServerHolds() throws Exception {
        byte[] content = randomBytes(2 * MIB);
        var upload = t.uploadFile("/12/docs/resume.bin", "REJECT");
        try (var requestLog = new RequestLogLines()) {
            sendHalfAndVanish(upload, content, 0, MIB, 300 * 1024);
            requestLog.await("files.upload.chunked.aborted");
        }

        HttpResponse<String> probe = t.chunk(upload, MIB, content.length, Arrays.copyOfRange(content, MIB, 2 * MIB));
        assertThat(probe.statusCode()).isEqualTo(409);
        int held = Integer.parseInt(header(probe, "Chunked-Upload-Offset"));
        assertThat(held).isBetween(1, 300 * 1024);

        HttpResponse<String> rest = t.chunk(upload, held, content.length, Arrays.copyOfRange(content, held, content.length));
        assertThat(rest.statusCode()).isEqualTo(200);
        assertThat(docs.resolve("resume.bin")).hasBinaryContent(content);
    }

    @Test
    void aChangedTotalSizeIsRefused() throws Exception {
        var upload = t.uploadFile("/12/docs/total.bin", "REJECT");
        t.chunk(upload, 0, 300, new byte[100]);

        HttpResponse<String> response = t.chunk(upload, 100, 400, new byte[100]);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("why").asText()).startsWith("Chunked-Upload-Total-Size changed from 300 to 400");
        assertThat(t.chunk(upload, 100, 300, new byte[200]).statusCode()).isEqualTo(200);
        assertThat(Files.size(docs.resolve("total.bin"))).isEqualTo(300);
    }

    @Test
    void aChunkPastTheTotalSizeIsRefusedAndWritesNothing() throws Exception {
        var upload = t.uploadFile("/12/docs/past.bin", "REJECT");
        t.chunk(upload, 0, 150, new byte[100]);

        HttpResponse<String> response = t.chunk(upload, 100, 150, new byte[51]);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(header(response, "Chunked-Upload-Offset")).isEqualTo("100");
        assertThat(t.chunk(upload, 100, 150, new byte[50]).statusCode()).isEqualTo(200);
        assertThat(Files.size(docs.resolve("past.bin"))).isEqualTo(150);
    }

    @Test
    void anEmptyFileIsCommittedOnItsFirstRequest() throws Exception {
        var upload = t.uploadFile("/12/docs/empty.txt", "REJECT");

        HttpResponse<String> response = t.chunk(upload, 0, 0, new byte[0]);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(docs.resolve("empty.txt")).isEmptyFile();
        assertThat(t.partials()).isEmpty();
    }

    @Test
    void aFileLargerThan64MiBGoesIn16MiBChunks() throws Exception {
        long total = 80L * MIB + 12345;
        var upload = t.uploadFile("/12/docs/large.bin", "REJECT");
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        Random random = new Random(42);

        for (long offset = 0; offset < total; offset += ChunkedUploads.MAX_CHUNK_BYTES) {
            byte[] chunk = new byte[(int) Math.min(ChunkedUploads.MAX_CHUNK_BYTES, total - offset)];
            random.nextBytes(chunk);
            sent.update(chunk);
            assertThat(t.chunk(upload, offset, total, chunk).statusCode()).isEqualTo(200);
        }

        Path large = docs.resolve("large.bin");
        assertThat(Files.size(large)).isEqualTo(total);
        assertThat(sha256(large)).isEqualTo(sent.digest());
    }

    @Test
    void replaceAtCommitReplacesWhatIsThere() throws Exception {
        Files.writeString(docs.resolve("a.txt"), "old");
        var upload = t.uploadFile("/12/docs/a.txt", "REPLACE");
        t.chunk(upload, 0, 6, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(docs.resolve("a.txt")).hasContent("old");

        t.chunk(upload, 3, 6, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(docs.resolve("a.txt")).hasContent("newnew");
    }

    @Test
    void renameAtCommitTakesAFreeNameWhenTheNameWasTakenMeanwhile() throws Exception {
        var upload = t.uploadFile("/12/docs/a.txt", "RENAME");
        t.chunk(upload, 0, 6, "new".getBytes(StandardCharsets.UTF_8));
        Files.writeString(docs.resolve("a.txt"), "theirs");

        assertThat(t.chunk(upload, 3, 6, "new".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);

        assertThat(docs.resolve("a.txt")).hasContent("theirs");
        assertThat(docs.resolve("a(1).txt")).hasContent("newnew");
    }

    @Test
    void rejectAtCommitRefusesWhenTheNameWasTakenMeanwhileAndDeletesThePartialFile() throws Exception {
        var upload = t.uploadFile("/12/docs/a.txt", "REJECT");
        t.chunk(upload, 0, 6, "new".getBytes(StandardCharsets.UTF_8));
        Files.writeString(docs.resolve("a.txt"), "theirs");

        HttpResponse<String> response = t.chunk(upload, 3, 6, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json.readTree(response.body()).get("why").asText()).isEqualTo("A file already exists at /12/docs/a.txt");
        assertThat(docs.resolve("a.txt")).hasContent("theirs");
        assertThat(t.partials()).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefusedWith404AndItsPartialFileIsDeleted() throws Exception {
        var upload = t.uploadFile("/12/docs/late.bin", "REJECT");
        t.chunk(upload, 0, 300, new byte[100]);
        assertThat(t.partials()).hasSize(1);

        t.clock.advance(UploadService.DEFAULT_LIFETIME);
        HttpResponse<String> response = t.chunk(upload, 100, 300, new byte[200]);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).get("why").asText()).isEqualTo(UNKNOWN_LINK);
        assertThat(t.partials()).isEmpty();
        assertThat(t.listing()).containsExactly("docs");
    }

    @Test
    void sweepDeletesPartialFilesOfExpiredTokensWithoutARequest() throws Exception {
        var expiring = t.uploadFile("/12/docs/old.bin", "REJECT");
        t.chunk(expiring, 0, 300, new byte[100]);
        t.clock.advance(Duration.ofMinutes(30));
        var fresh = t.uploadFile("/12/docs/new.bin", "REJECT");
        t.chunk(fresh, 0, 300, new byte[100]);

        t.clock.advance(Duration.ofMinutes(30));
        assertThat(t.chunked.sweepExpired()).isEqualTo(1);

        assertThat(t.partials()).hasSize(1).allMatch(p -> p.startsWith("docs/.new.bin.upload-"));
        assertThat(t.chunked.remembered()).isEqualTo(1);
        t.chunked.discardAll();
        assertThat(t.partials()).isEmpty();
    }

    @Test
    void concurrentRequestsOnOneTokenAreSerialised() throws Exception {
        byte[] content = randomBytes(4 * MIB);
        var upload = t.uploadFile("/12/docs/race.bin", "REJECT");
        int chunks = 8;
        int size = content.length / chunks;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < chunks; i++) {
                int offset = i * size;
                sent.add(pool.submit(() -> sendUntilAccepted(upload, offset, content)));
            }
            for (Future<Integer> result : sent) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        }

        assertThat(docs.resolve("race.bin")).hasBinaryContent(content);
        assertThat(t.partials()).isEmpty();
    }

    @Test
    void theSameWholeFileSentTwiceAtOnceIsWrittenOnce() throws Exception {
        byte[] content = randomBytes(4 * MIB);
        var upload = t.uploadFile("/12/docs/twice.bin", "RENAME");
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var first = pool.submit(() -> t.chunk(upload, 0, content.length, content).statusCode());
            var second = pool.submit(() -> t.chunk(upload, 0, content.length, content).statusCode());
            assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(second.get(60, TimeUnit.SECONDS)).isEqualTo(200);
        }

        assertThat(t.listing()).containsExactly("docs", "docs/twice.bin");
        assertThat(docs.resolve("twice.bin")).hasBinaryContent(content);
    }

    @Test
    void tokenMayComeFromTheQueryAndTheUsernameHeaderMustNameItsUser() throws Exception {
        var upload = t.uploadFile("/12/docs/q.txt", "REJECT");
        String bob = Base64.getEncoder().encodeToString("bob#1".getBytes(StandardCharsets.UTF_8));
        String alice = Base64.getEncoder().encodeToString(ALICE.getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> foreign = t.send(post(t.local(upload.endpoint()), 0, 2, "ab", "UCloud-Username", bob));
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(json.readTree(foreign.body()).get("why").asText()).isEqualTo(UNKNOWN_LINK);

        HttpResponse<String> own = t.send(post(t.local(upload.endpoint()), 0, 2, "ab", "UCloud-Username", alice));
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(docs.resolve("q.txt")).hasContent("ab");
    }

    @Test
    void unknownTokenIs404WithTheContractErrorBody() throws Exception {
        var upload = t.uploadFile("/12/docs/x.txt", "REJECT");
        var forged = new CreateUploadResponseItem(upload.endpoint().replace(upload.token(), "forged"), "CHUNKED", "forged");

        HttpResponse<String> response = t.chunk(forged, 0, 1, new byte[1]);

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("statusCode").asInt()).isEqualTo(404);
        assertThat(body.get("why").asText()).isEqualTo(UNKNOWN_LINK);
        assertThat(body.has("errorCode")).isTrue();
        assertThat(header(response, "Content-Type")).startsWith("application/json");
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @Test
    void missingOrNegativeHeadersAre400() throws Exception {
        var upload = t.uploadFile("/12/docs/h.txt", "REJECT");
        URI uri = t.local(upload.endpoint());

        var noOffset = HttpRequest.newBuilder(uri).header("Chunked-Upload-Total-Size", "1")
                .POST(HttpRequest.BodyPublishers.ofString("a")).build();
        assertThat(t.send(noOffset).statusCode()).isEqualTo(400);
        assertThat(t.chunk(upload, 0, -1, new byte[0]).statusCode()).isEqualTo(400);
        assertThat(t.chunk(upload, -1, 1, new byte[0]).statusCode()).isEqualTo(400);
    }

    @Test
    void aFolderUploadCannotGoByChunked() throws Exception {
        var folder = t.service.createUpload(t.drive, UploadFixture.item("/12/docs/up", "FOLDER", "RENAME", List.of("WEBSOCKET_V2")), ALICE);

        HttpResponse<String> response = t.chunk(folder, 0, 1, new byte[1]);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(t.listing()).containsExactly("docs", "docs/up");
    }

    @Test
    void preflightAllowsPostAndTheProtocolHeaders() throws Exception {
        var upload = t.uploadFile("/12/docs/x.txt", "REJECT");
        var options = HttpRequest.newBuilder(t.local(upload.endpoint()))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build();

        HttpResponse<String> response = t.send(options);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(header(response, "Access-Control-Allow-Methods")).contains("POST");
        assertThat(header(response, "Access-Control-Allow-Headers")).contains("Chunked-Upload-Token", "Chunked-Upload-Offset",
                "Chunked-Upload-Total-Size", "UCloud-Username");
    }

    @Test
    void otherMethodsAndPathsAreRefused() throws Exception {
        var upload = t.uploadFile("/12/docs/x.txt", "REJECT");
        URI uri = t.local(upload.endpoint());

        HttpResponse<String> get = t.send(HttpRequest.newBuilder(uri).GET().build());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(header(get, "Allow")).isEqualTo("POST, OPTIONS");
        URI below = URI.create("http://127.0.0.1:" + t.port() + "/ucloud/slurm/upload/x?" + uri.getRawQuery());
        assertThat(t.send(HttpRequest.newBuilder(below).POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(404);
    }

    /** Sends the chunk at {@code offset}, retrying while the server holds less (another chunk is still due). */
    private int sendUntilAccepted(CreateUploadResponseItem upload, int offset, byte[] content) throws Exception {
        int end = offset + content.length / 8;
        while (true) {
            HttpResponse<String> response = t.chunk(upload, offset, content.length, Arrays.copyOfRange(content, offset, end));
            if (response.statusCode() != 409) {
                return response.statusCode();
            }
            Thread.sleep(5);
        }
    }

    private HttpRequest post(URI uri, long offset, long total, String body, String... headers) {
        return HttpRequest.newBuilder(uri).header("Chunked-Upload-Offset", Long.toString(offset))
                .header("Chunked-Upload-Total-Size", Long.toString(total)).headers(headers)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** A browser tab closed mid-chunk: declare {@code length} bytes, send {@code sent} of them, reset the connection. */
    private void sendHalfAndVanish(CreateUploadResponseItem upload, byte[] content, int offset, int length, int sent) throws Exception {
        URI uri = t.local(upload.endpoint());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), t.port()));
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Chunked-Upload-Offset: " + offset + "\r\nChunked-Upload-Total-Size: " + content.length + "\r\n"
                    + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content, offset, sent);
            out.flush();
            socket.setSoLinger(true, 0);
        }
    }

    private static byte[] sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[MIB];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }
}
