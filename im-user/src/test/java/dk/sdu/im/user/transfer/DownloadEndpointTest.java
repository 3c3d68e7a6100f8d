package dk.sdu.im.user.transfer;

import static dk.sdu.im.user.transfer.DownloadFixture.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Contract 6.4 and decision 4: the browser downloads with the capability URL, whole or by Range. */
class DownloadEndpointTest {
    static final int BIG = 8 * 1024 * 1024;
    static final byte[] CONTENT = randomBytes(BIG);
    static final String UNKNOWN_LINK = "This download link is unknown or has expired; start the download again from UCloud";

    @TempDir
    Path temp;
    DownloadFixture t;
    String big;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void serve() throws Exception {
        t = new DownloadFixture(temp);
        t.file("data/big.bin", CONTENT);
        t.startServer();
        big = t.endpoint("/12/data/big.bin");
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void wholeFileIsByteIdenticalWithLengthTypeAndValidators() throws Exception {
        HttpResponse<byte[]> response = t.get(big);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(CONTENT);
        assertThat(header(response, "Content-Length")).isEqualTo(Integer.toString(BIG));
        assertThat(header(response, "Content-Type")).isEqualTo("application/octet-stream");
        assertThat(header(response, "Accept-Ranges")).isEqualTo("bytes");
        assertThat(header(response, "ETag")).matches("\"[0-9a-f]+-[0-9a-f]+\"");
        assertThat(header(response, "Last-Modified")).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        assertThat(header(response, "Content-Disposition")).isEqualTo("attachment; filename=\"big.bin\"; filename*=UTF-8''big.bin");
        assertThat(header(response, "Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void tokenIsReusableSoTheSameUrlServesTwice() throws Exception {
        assertThat(t.get(big).body()).isEqualTo(CONTENT);
        assertThat(t.get(big).body()).isEqualTo(CONTENT);
    }

    @Test
    void onlyAcceptedDownloadsCountAsInstanceActivity() throws Exception {
        t.get(big.replaceFirst("token=[^&]+", "token=nope"));
        assertThat(t.activity.get()).isZero();

        t.get(big);
        assertThat(t.activity.get()).isPositive();  // at the start; the end runs after the client has its bytes
    }

    @Test
    void browserMayReadTheResponseFromAnyOrigin() throws Exception {
        HttpResponse<byte[]> ok = t.get(big, "Origin", "https://cloud.sdu.dk", "Range", "bytes=0-0");
        HttpResponse<byte[]> refused = t.get(big.replaceFirst("token=[^&]+", "token=nope"), "Origin", "https://cloud.sdu.dk");

        for (HttpResponse<byte[]> response : List.of(ok, refused)) {
            assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(header(response, "Access-Control-Expose-Headers")).contains("Content-Disposition", "Content-Range");
        }
    }

    @Test
    void preflightAllowsRangeRequests() throws Exception {
        HttpResponse<byte[]> response = t.send("OPTIONS", t.local(big), "Origin", "https://cloud.sdu.dk",
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "range");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(header(response, "Access-Control-Allow-Headers")).contains("Range");
    }

    @ParameterizedTest
    @CsvSource({"bytes=0-99, 0, 99", "bytes=4194304-, 4194304, 8388607", "bytes=-1000, 8387608, 8388607",
            "bytes=8388000-99999999, 8388000, 8388607", "bytes=1-1, 1, 1"})
    void singleRangeIsServedAs206WithItsBytes(String range, int first, int last) throws Exception {
        HttpResponse<byte[]> response = t.get(big, "Range", range);

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(CONTENT, first, last + 1));
        assertThat(header(response, "Content-Range")).isEqualTo("bytes " + first + "-" + last + "/" + BIG);
        assertThat(header(response, "Content-Length")).isEqualTo(Integer.toString(last - first + 1));
    }

    @Test
    void rangeBeyondTheEndIs416WithTheSize() throws Exception {
        HttpResponse<byte[]> response = t.get(big, "Range", "bytes=" + BIG + "-");

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(header(response, "Content-Range")).isEqualTo("bytes */" + BIG);
        assertThat(json.readTree(response.body()).get("statusCode").asInt()).isEqualTo(416);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-1,10-20", "bytes=abc", "bytes=10-5", "lines=1-2"})
    void multipleMalformedOrForeignRangesGetTheWholeFile(String range) throws Exception {
        HttpResponse<byte[]> response = t.get(big, "Range", range);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(CONTENT);
        assertThat(response.headers().firstValue("Content-Range")).isEmpty();
    }

    @Test
    void ifRangeWithTheCurrentValidatorResumesAndWithAStaleOneRestarts() throws Exception {
        HttpResponse<byte[]> first = t.get(big);
        String etag = header(first, "ETag");
        String lastModified = header(first, "Last-Modified");

        assertThat(t.get(big, "Range", "bytes=100-", "If-Range", etag).statusCode()).isEqualTo(206);
        assertThat(t.get(big, "Range", "bytes=100-", "If-Range", lastModified).statusCode()).isEqualTo(206);
        HttpResponse<byte[]> stale = t.get(big, "Range", "bytes=100-", "If-Range", "\"0-0\"");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(CONTENT);
    }

    @Test
    void headReportsTheSizeWithoutABody() throws Exception {
        HttpResponse<byte[]> response = t.send("HEAD", t.local(big));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(header(response, "Content-Length")).isEqualTo(Integer.toString(BIG));
        assertThat(header(response, "Accept-Ranges")).isEqualTo("bytes");

        HttpResponse<byte[]> ranged = t.send("HEAD", t.local(big), "Range", "bytes=0-9");
        assertThat(ranged.statusCode()).isEqualTo(206);
        assertThat(header(ranged, "Content-Length")).isEqualTo("10");
    }

    @Test
    void headOfARefusalHasItsStatusButNoBody() throws Exception {
        HttpResponse<byte[]> unknown = t.send("HEAD", t.local(big.replaceFirst("token=[^&]+", "token=nope")));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEmpty();

        HttpResponse<byte[]> unsatisfiable = t.send("HEAD", t.local(big), "Range", "bytes=" + BIG + "-");
        assertThat(unsatisfiable.statusCode()).isEqualTo(416);
        assertThat(header(unsatisfiable, "Content-Range")).isEqualTo("bytes */" + BIG);
        assertThat(t.get(big, "Range", "bytes=0-0").statusCode()).isEqualTo(206);
    }

    @Test
    void emptyFileIsServedWithLengthZero() throws Exception {
        t.file("empty.txt", new byte[0]);
        HttpResponse<byte[]> response = t.get(t.endpoint("/12/empty.txt"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(header(response, "Content-Length")).isEqualTo("0");
    }

    @Test
    void nonAsciiNameIsSavedUnderItsRealName() throws Exception {
        t.file("rapport æøå €.pdf", "%PDF".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> response = t.get(t.endpoint("/12/rapport æøå €.pdf"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Content-Disposition")).isEqualTo(
                "attachment; filename=\"rapport ___ _.pdf\"; filename*=UTF-8''rapport%20%C3%A6%C3%B8%C3%A5%20%E2%82%AC.pdf");
    }

    @Test
    void unknownTokenIs404WithTheContractErrorBody() throws Exception {
        HttpResponse<byte[]> response = t.get(big.replaceFirst("token=[^&]+", "token=" + "A".repeat(43)));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(header(response, "Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"statusCode\":404,\"why\":\"" + UNKNOWN_LINK + "\",\"errorCode\":null}");
    }

    @Test
    void expiredMissingDuplicatedAndForeignUserTokensAreAllTheSame404() throws Exception {
        String otherUserHint = Base64.getUrlEncoder().encodeToString("bob#1".getBytes(StandardCharsets.UTF_8));
        String token = DownloadFixture.token(big);
        List<URI> refused = List.of(
                t.local(big + "&usernameHint=" + otherUserHint),
                t.local(big.substring(0, big.indexOf('?'))),
                t.local(big + "&token=" + token));
        for (URI uri : refused) {
            assertUnknownLink(t.send("GET", uri));
        }
        t.clock.advance(Duration.ofMinutes(10));
        assertUnknownLink(t.get(big));
    }

    @Test
    void uploadTokenCannotDownload() throws Exception {
        String upload = t.tokens.issue(new Capability(DownloadFixture.ALICE, "/12/data/big.bin", t.root.resolve("data/big.bin"),
                Operation.UPLOAD, DownloadFixture.START.plusSeconds(60)));

        assertUnknownLink(t.get(big.replaceFirst("token=[^&]+", "token=" + upload)));
    }

    @Test
    void tokenOfAnotherUsersInstanceIsUnknownHere() throws Exception {
        var bobs = new DownloadFixture(Files.createDirectory(temp.resolve("bob")));
        bobs.file("data/big.bin", CONTENT);
        String bobsEndpoint = bobs.service.createDownload(bobs.drive, "/12/data/big.bin", "bob#1").endpoint();

        assertUnknownLink(t.get(bobsEndpoint));
    }

    @Test
    void fileReplacedBySymlinkToEtcPasswdAfterIssuingIsRefused() throws Exception {
        String endpoint = big;
        Files.delete(t.root.resolve("data/big.bin"));
        Files.createSymbolicLink(t.root.resolve("data/big.bin"), Path.of("/etc/passwd"));

        HttpResponse<byte[]> response = t.get(endpoint);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .contains("No longer available for download: /12/data/big.bin").doesNotContain("root:");
    }

    @Test
    void directoryOnTheWayReplacedBySymlinkAfterIssuingIsRefused() throws Exception {
        Path outside = Files.createDirectories(t.base.resolve("outside"));
        Files.writeString(outside.resolve("big.bin"), "secret outside the drive");
        Files.move(t.root.resolve("data"), t.base.resolve("moved-away"));
        Files.createSymbolicLink(t.root.resolve("data"), outside);

        HttpResponse<byte[]> response = t.get(big);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).get("why").asText()).isEqualTo("No longer available for download: /12/data/big.bin");
    }

    @Test
    void fileDeletedAfterIssuingIs404() throws Exception {
        Files.delete(t.root.resolve("data/big.bin"));

        HttpResponse<byte[]> response = t.get(big);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).get("why").asText()).isEqualTo("No longer available for download: /12/data/big.bin");
    }

    @Test
    void fileReplacedByAnotherRegularFileIsServedWithItsNewContent() throws Exception {
        Path replacement = Files.write(t.root.resolve("data/new.tmp"), "version 2".getBytes(StandardCharsets.UTF_8));
        Files.move(replacement, t.root.resolve("data/big.bin"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        assertThat(new String(t.get(big).body(), StandardCharsets.UTF_8)).isEqualTo("version 2");
    }

    @Test
    void otherMethodsAndPathsAreRefused() throws Exception {
        HttpResponse<byte[]> post = t.send("POST", t.local(big));
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(header(post, "Allow")).isEqualTo("GET, HEAD, OPTIONS");

        URI longer = t.local(big.replace("/download?", "/download/more?"));
        assertThat(t.send("GET", longer).statusCode()).isEqualTo(404);
    }

    @Test
    void malformedQueryIsA400AndTheCoreNeverThrows() throws Exception {
        var responder = new DownloadResponder(t.service);

        try (DownloadReply reply = responder.respond(new DownloadResponder.Request("GET", "/ucloud/slurm/download",
                "token=%zz&usernameHint=%", null, null))) {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.headers()).containsEntry("Access-Control-Allow-Origin", "*");
        }
        try (DownloadReply reply = responder.respond(new DownloadResponder.Request("GET", "/ucloud/slurm/download",
                "token=" + "x".repeat(1_000_000) + "&&=&usernameHint", "bytes=-", "W/\"x\""))) {
            assertThat(reply.status()).isEqualTo(404);
        }
    }

    @Test
    void clientThatDisconnectsMidDownloadLeavesTheServerServing() throws Exception {
        Path huge = t.root.resolve("huge.bin");
        try (var file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(64L * 1024 * 1024);  // sparse: far more than the socket buffers hold
        }
        URI uri = t.local(t.endpoint("/12/huge.bin"));
        try (var requestLog = new RequestLogLines()) {
            readSomeThenReset(uri);
            String line = requestLog.await("files.download.get.aborted");
            assertThat(line).contains("user=" + DownloadFixture.ALICE);
        }
        assertThat(t.get(big).body()).isEqualTo(CONTENT);
    }

    /** A browser tab closed mid-download: read a little, then reset the connection. */
    private void readSomeThenReset(URI uri) throws Exception {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), t.port()));
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(in.readNBytes(256 * 1024)).hasSize(256 * 1024);
            socket.setSoLinger(true, 0);
        }
    }

    private void assertUnknownLink(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("why").asText()).isEqualTo(UNKNOWN_LINK);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo("*");
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }
}
