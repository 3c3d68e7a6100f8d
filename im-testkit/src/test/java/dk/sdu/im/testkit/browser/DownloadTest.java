package dk.sdu.im.testkit.browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DownloadTest {
    private static final byte[] CONTENT = content();

    @TempDir
    Path dir;

    private final RecordingHttpPeer peer = new RecordingHttpPeer((index, seen, exchange) -> {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/missing" -> RecordingHttpPeer.reply(exchange, 404, "{\"why\":\"Not found\"}".getBytes(StandardCharsets.UTF_8));
            case "/partial" -> {
                exchange.getResponseHeaders().add("Content-Range", "bytes 10-19/" + CONTENT.length);
                RecordingHttpPeer.reply(exchange, 206, java.util.Arrays.copyOfRange(CONTENT, 10, 20));
            }
            case "/stall" -> {
                exchange.sendResponseHeaders(200, 100);
                exchange.getResponseBody().write(new byte[10]);
                exchange.getResponseBody().flush();
                sleep();
            }
            default -> {
                exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename*=UTF-8''a.bin");
                RecordingHttpPeer.reply(exchange, 200, CONTENT);
            }
        }
    });
    private final Download download = new Download(Duration.ofSeconds(5));

    DownloadTest() throws Exception {
    }

    @AfterEach
    void stop() {
        download.close();
        peer.close();
    }

    @Test
    void streamsTheBodyToAFileWithAPlainGetWithoutCredentials() throws Exception {
        Path target = dir.resolve("out.bin");

        DownloadResult result = download.get(peer.url("/ucloud/slurm/download?token=abc"), new DownloadSink.ToFile(target));

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.bytes()).isEqualTo(CONTENT.length);
        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(result.header("content-disposition")).isEqualTo("attachment; filename*=UTF-8''a.bin");
        assertThat(result.errorBody()).isNull();
        RecordingHttpPeer.Seen seen = peer.seen().getFirst();
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.pathAndQuery()).isEqualTo("/ucloud/slurm/download?token=abc");
        assertThat(seen.headers()).doesNotContainKeys("authorization", "cookie", "range", "ucloud-username");
    }

    @Test
    void aShorterBodyReplacesALongerExistingFile() throws Exception {
        Path target = Files.write(dir.resolve("out.bin"), new byte[CONTENT.length * 2]);

        download.get(peer.url("/any"), new DownloadSink.ToFile(target));

        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    }

    @Test
    void digestsTheBodyWithoutKeepingIt() throws Exception {
        DownloadResult result = download.get(peer.url("/any"), DownloadSink.sha256());

        assertThat(result.digestHex()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CONTENT)));
        assertThat(result.bytes()).isEqualTo(CONTENT.length);
    }

    @Test
    void sendsTheRangeHeaderVerbatimAndReportsThePartialReply() {
        DownloadResult result = download.get(peer.url("/partial"), "bytes=10-19", new DownloadSink.Discard());

        assertThat(peer.seen().getFirst().header("range")).isEqualTo("bytes=10-19");
        assertThat(result.status()).isEqualTo(206);
        assertThat(result.bytes()).isEqualTo(10);
        assertThat(result.header("Content-Range")).isEqualTo("bytes 10-19/" + CONTENT.length);
    }

    @Test
    void anErrorBodyIsKeptAsTextAndNoFileIsWritten() {
        Path target = dir.resolve("never");

        DownloadResult result = download.get(peer.url("/missing"), new DownloadSink.ToFile(target));

        assertThat(result.status()).isEqualTo(404);
        assertThat(result.errorBody()).isEqualTo("{\"why\":\"Not found\"}");
        assertThat(result.digestHex()).isNull();
        assertThat(target).doesNotExist();
    }

    @Test
    void aStalledBodyTimesOutInsteadOfHanging() {
        try (Download impatient = new Download(Duration.ofMillis(400))) {
            assertThatThrownBy(() -> impatient.get(peer.url("/stall"), new DownloadSink.Discard()))
                    .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(HttpTimeoutException.class);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] content() {
        byte[] bytes = new byte[3 * 1024 * 1024 + 7];
        new Random(7).nextBytes(bytes);
        return bytes;
    }
}
