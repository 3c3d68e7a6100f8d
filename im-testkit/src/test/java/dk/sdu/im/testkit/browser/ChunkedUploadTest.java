package dk.sdu.im.testkit.browser;

import dk.sdu.im.testkit.client.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkedUploadTest {
    @TempDir
    Path dir;

    private volatile int refuseFrom = Integer.MAX_VALUE;
    private final RecordingHttpPeer peer = new RecordingHttpPeer((index, seen, exchange) -> {
        boolean refused = index >= refuseFrom;
        RecordingHttpPeer.reply(exchange, refused ? 409 : 200,
                (refused ? "{\"why\":\"wrong offset\"}" : "{}").getBytes(StandardCharsets.UTF_8));
    });
    private final ChunkedUpload upload = new ChunkedUpload(Duration.ofSeconds(5));

    ChunkedUploadTest() throws Exception {
    }

    @AfterEach
    void stop() {
        upload.close();
        peer.close();
    }

    @Test
    void eachChunkIsARawPostWithTokenOffsetTotalSizeAndBase64Username() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "0123456789");

        List<Reply> replies = upload.upload(peer.url("/ucloud/slurm/chunked?token=t1"), "t1", "alice#1234", file, 0, 4);

        assertThat(replies).extracting(Reply::status).containsExactly(200, 200, 200);
        List<RecordingHttpPeer.Seen> seen = peer.seen();
        assertThat(seen).extracting(RecordingHttpPeer.Seen::method).containsOnly("POST");
        assertThat(seen).extracting(RecordingHttpPeer.Seen::pathAndQuery).containsOnly("/ucloud/slurm/chunked?token=t1");
        assertThat(seen).extracting(s -> s.header("chunked-upload-offset")).containsExactly("0", "4", "8");
        assertThat(seen).extracting(s -> s.header("chunked-upload-total-size")).containsOnly("10");
        assertThat(seen).extracting(s -> s.header("chunked-upload-token")).containsOnly("t1");
        assertThat(seen).extracting(s -> s.header("ucloud-username")).containsOnly("YWxpY2UjMTIzNA==");
        assertThat(seen).extracting(s -> new String(s.body(), StandardCharsets.UTF_8)).containsExactly("0123", "4567", "89");
        assertThat(seen.getFirst().headers()).doesNotContainKeys("authorization", "cookie");
    }

    @Test
    void resumesFromTheGivenOffsetSendingOnlyTheRest() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "0123456789");

        upload.upload(peer.url("/c"), "t", "alice#1234", file, 6, 16);

        assertThat(peer.seen()).singleElement().satisfies(seen -> {
            assertThat(seen.header("chunked-upload-offset")).isEqualTo("6");
            assertThat(seen.header("chunked-upload-total-size")).isEqualTo("10");
            assertThat(new String(seen.body(), StandardCharsets.UTF_8)).isEqualTo("6789");
        });
    }

    @Test
    void stopsAtTheFirstReplyThatIsNotASuccessAndReturnsIt() throws Exception {
        refuseFrom = 1;
        Path file = Files.writeString(dir.resolve("f"), "0123456789");

        List<Reply> replies = upload.upload(peer.url("/c"), "t", "alice#1234", file, 0, 4);

        assertThat(replies).extracting(Reply::status).containsExactly(200, 409);
        assertThat(replies.getLast().why()).isEqualTo("wrong offset");
        assertThat(peer.seen()).hasSize(2);
    }

    @Test
    void anEmptyFileIsOneEmptyPost() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "");

        upload.upload(peer.url("/c"), "t", "bob", file, 0, 4);

        assertThat(peer.seen()).singleElement().satisfies(seen -> {
            assertThat(seen.body()).isEmpty();
            assertThat(seen.header("chunked-upload-total-size")).isEqualTo("0");
        });
    }

    @Test
    void aForgedChunkCanLeaveOutTokenAndUsername() {
        Reply reply = upload.post(new ChunkedUpload.Chunk(peer.url("/c"), null, 99, 5, null, new byte[] {1, 2}));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(peer.seen().getFirst().headers()).doesNotContainKeys("chunked-upload-token", "ucloud-username");
        assertThat(peer.seen().getFirst().header("chunked-upload-offset")).isEqualTo("99");
    }
}
