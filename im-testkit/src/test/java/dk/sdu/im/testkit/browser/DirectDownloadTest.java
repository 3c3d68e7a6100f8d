package dk.sdu.im.testkit.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectDownloadTest {
    /** Larger than the client's buffer, and not a multiple of it. */
    private static final byte[] CONTENT = content();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final RecordingHttpPeer peer = new RecordingHttpPeer((index, seen, exchange) -> {
        switch (exchange.getRequestURI().getPath()) {
            case "/missing" -> RecordingHttpPeer.reply(exchange, 404, "{\"why\":\"Not found\"}".getBytes(StandardCharsets.UTF_8));
            case "/empty" -> RecordingHttpPeer.reply(exchange, 200, new byte[0]);
            case "/short" -> {
                exchange.sendResponseHeaders(200, 100);
                exchange.getResponseBody().write(new byte[10]);
                exchange.getResponseBody().flush();
            }
            case "/stall" -> {
                exchange.sendResponseHeaders(200, 100);
                exchange.getResponseBody().write(new byte[10]);
                exchange.getResponseBody().flush();
                sleep();
            }
            case "/chunked" -> {
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write(new byte[10]);
            }
            default -> {
                exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename*=UTF-8''a.bin");
                RecordingHttpPeer.reply(exchange, 200, CONTENT);
            }
        }
    });

    DirectDownloadTest() throws Exception {
    }

    @AfterEach
    void stop() {
        peer.close();
    }

    @Test
    void streamsTheBodyToAFileWithAPlainGetWithoutCredentials() throws Exception {
        Path target = dir.resolve("out.bin");

        DownloadResult result = DirectDownload.toFile(peer.url("/ucloud/slurm/download?token=a%2Fb"), target, TIMEOUT);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.bytes()).isEqualTo(CONTENT.length);
        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(result.header("content-disposition")).isEqualTo("attachment; filename*=UTF-8''a.bin");
        assertThat(result.errorBody()).isNull();
        RecordingHttpPeer.Seen seen = peer.seen().getFirst();
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.pathAndQuery()).isEqualTo("/ucloud/slurm/download?token=a%2Fb");
        assertThat(seen.headers()).doesNotContainKeys("authorization", "cookie", "range", "ucloud-username");
    }

    @Test
    void aShorterBodyReplacesALongerExistingFile() throws Exception {
        Path target = Files.write(dir.resolve("out.bin"), new byte[CONTENT.length * 2]);

        DirectDownload.toFile(peer.url("/any"), target, TIMEOUT);

        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    }

    @Test
    void anEmptyBodyMakesAnEmptyFile() throws Exception {
        Path target = Files.write(dir.resolve("out.bin"), new byte[10]);

        DownloadResult result = DirectDownload.toFile(peer.url("/empty"), target, TIMEOUT);

        assertThat(result.bytes()).isZero();
        assertThat(target).isEmptyFile();
    }

    @Test
    void anErrorBodyIsKeptAsTextAndNoFileIsWritten() {
        Path target = dir.resolve("never");

        DownloadResult result = DirectDownload.toFile(peer.url("/missing"), target, TIMEOUT);

        assertThat(result.status()).isEqualTo(404);
        assertThat(result.errorBody()).isEqualTo("{\"why\":\"Not found\"}");
        assertThat(target).doesNotExist();
    }

    @Test
    void aBodyCutShortFails() {
        assertThatThrownBy(() -> DirectDownload.toFile(peer.url("/short"), dir.resolve("out.bin"), TIMEOUT))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("before the body's 100 bytes");
    }

    @Test
    void aChunkedBodyIsRefusedRatherThanMisread() {
        assertThatThrownBy(() -> DirectDownload.toFile(peer.url("/chunked"), dir.resolve("out.bin"), TIMEOUT))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("Transfer-Encoding");
    }

    @Test
    void aStalledBodyTimesOutInsteadOfHanging() {
        assertThatThrownBy(() -> DirectDownload.toFile(peer.url("/stall"), dir.resolve("out.bin"), Duration.ofMillis(400)))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void onlyPlainHttpIsSpoken() {
        assertThatThrownBy(() -> DirectDownload.toFile("https://127.0.0.1/x", dir.resolve("out.bin"), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void sleep() {
        try {
            Thread.sleep(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] content() {
        byte[] bytes = new byte[DirectDownload.BUFFER_BYTES * 3 + 7];
        new Random(7).nextBytes(bytes);
        return bytes;
    }
}
