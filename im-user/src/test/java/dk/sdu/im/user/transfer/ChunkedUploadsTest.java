package dk.sdu.im.user.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.rpc.UsernameHints;
import dk.sdu.im.api.wire.Transfers.CreateUploadResponseItem;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CHUNKED rules that an HTTP client rarely exercises: bodies of unknown length, size limits, lost state. */
class ChunkedUploadsTest {
    @TempDir
    Path temp;
    UploadFixture t;
    CreateUploadResponseItem upload;
    final AtomicInteger accepted = new AtomicInteger();

    @BeforeEach
    void drive() throws Exception {
        t = new UploadFixture(temp);
        t.folder("docs");
        upload = t.uploadFile("/12/docs/x.bin", "REJECT");
    }

    ChunkOutcome send(long offset, long total, long declared, InputStream body) {
        var chunk = new ChunkedUploads.Chunk(upload.token(), UsernameHints.NONE, Long.toString(offset), Long.toString(total), declared);
        return t.chunked.accept(chunk, body, accepted::incrementAndGet);
    }

    static InputStream bytes(int n) {
        return new ByteArrayInputStream(new byte[n]);
    }

    @Test
    void aDeclaredLengthOver16MiBIs413BeforeAnythingIsWritten() {
        ChunkOutcome outcome = send(0, 1L << 30, ChunkedUploads.MAX_CHUNK_BYTES + 1, bytes(0));

        assertThat(outcome).isInstanceOfSatisfying(ChunkOutcome.Refused.class, r -> assertThat(r.error().status()).isEqualTo(413));
        assertThat(t.root.resolve("docs")).isEmptyDirectory();
    }

    @Test
    void aBodyOfUnknownLengthIsReadUpToTheTotal() {
        assertThat(send(0, 300, -1, bytes(100))).isEqualTo(new ChunkOutcome.Stored(UploadFixture.ALICE, 100));
        assertThat(send(100, 300, -1, bytes(200))).isInstanceOf(ChunkOutcome.Completed.class);
        assertThat(t.root.resolve("docs/x.bin")).hasSize(300);
    }

    @Test
    void aBodyOfUnknownLengthPastTheTotalIsRefusedAndCutBack() throws Exception {
        send(0, 300, -1, bytes(100));

        ChunkOutcome outcome = send(100, 300, -1, bytes(201));

        assertThat(outcome).isInstanceOfSatisfying(ChunkOutcome.Refused.class, r -> assertThat(r.error().status()).isEqualTo(400));
        assertThat(t.partials()).hasSize(1);
        assertThat(Files.size(t.root.resolve(t.partials().getFirst()))).isEqualTo(100);
    }

    @Test
    void aBodyOfUnknownLengthOver16MiBIs413() throws Exception {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len;
            }
        };

        ChunkOutcome outcome = send(0, 1L << 30, -1, endless);

        assertThat(outcome).isInstanceOfSatisfying(ChunkOutcome.Refused.class, r -> assertThat(r.error().status()).isEqualTo(413));
        assertThat(Files.size(t.root.resolve(t.partials().getFirst()))).isZero();
    }

    @Test
    void aPartialFileDeletedBehindOurBackStartsOver() throws Exception {
        send(0, 300, 100, bytes(100));
        Files.delete(t.root.resolve(t.partials().getFirst()));

        ChunkOutcome outcome = send(100, 300, 200, bytes(200));

        assertThat(outcome).isInstanceOfSatisfying(ChunkOutcome.Refused.class, r -> {
            assertThat(r.error().status()).isEqualTo(409);
            assertThat(r.held()).isZero();
        });
        assertThat(send(0, 300, 300, bytes(300))).isInstanceOf(ChunkOutcome.Completed.class);
    }

    @Test
    void onAcceptedRunsOnlyForAcceptedTokens() {
        var forged = new ChunkedUploads.Chunk("forged", UsernameHints.NONE, "0", "1", 1);
        assertThat(t.chunked.accept(forged, bytes(1), accepted::incrementAndGet)).isInstanceOf(ChunkOutcome.Refused.class);
        assertThat(accepted.get()).isZero();

        send(0, 1, 1, bytes(1));
        assertThat(accepted.get()).isEqualTo(1);
    }

    @Test
    void aResendOfTheLastChunkAfterCompletionSucceedsAgainButNothingElseDoes() {
        send(0, 10, 10, bytes(10));

        assertThat(send(5, 10, 5, bytes(5))).isInstanceOf(ChunkOutcome.Completed.class);
        assertThat(send(0, 10, 5, bytes(5))).isInstanceOfSatisfying(ChunkOutcome.Refused.class,
                r -> assertThat(r.error().status()).isEqualTo(409));
    }
}
