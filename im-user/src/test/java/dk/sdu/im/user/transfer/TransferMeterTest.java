package dk.sdu.im.user.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.rpc.UsernameHints;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transfers tell their meter what they moved and when they run, for the instance's report to IM/Server. */
class TransferMeterTest {
    @TempDir
    Path temp;

    @Test
    void aDownloadCountsTheBytesSentAndStartsAndEndsOnce() throws Exception {
        byte[] content = DownloadFixture.randomBytes(3 * 1024 * 1024 + 7);
        try (var t = new DownloadFixture(temp)) {
            t.file("data/f.bin", content);
            t.startServer();

            assertThat(t.get(t.endpoint("/12/data/f.bin")).body()).isEqualTo(content);

            awaitEnded(t.meter, Operation.DOWNLOAD);
            assertThat(t.meter.bytes(Operation.DOWNLOAD)).isEqualTo(content.length);
            assertThat(t.meter.started(Operation.DOWNLOAD, false)).isEqualTo(1);
            assertThat(t.meter.bytes(Operation.UPLOAD)).isZero();
        }
    }

    @Test
    void chunkedUploadChunksCountTheBytesThatArrived() throws Exception {
        var t = new UploadFixture(temp);
        t.folder("docs");
        var upload = t.uploadFile("/12/docs/x.bin", "REJECT");

        for (long offset : new long[] {0, 100}) {
            var chunk = new ChunkedUploads.Chunk(upload.token(), UsernameHints.NONE, Long.toString(offset), "300", -1);
            t.chunked.accept(chunk, new ByteArrayInputStream(new byte[offset == 0 ? 100 : 200]), () -> { });
        }

        assertThat(t.meter.bytes(Operation.UPLOAD)).isEqualTo(300);
        assertThat(t.meter.started(Operation.UPLOAD, false)).isEqualTo(2);
        assertThat(t.meter.started(Operation.UPLOAD, true)).isEqualTo(2);
    }

    /** The endpoint ends the download after the client has its last byte; wait for it without a timing assumption. */
    private static void awaitEnded(RecordingMeter meter, Operation operation) throws InterruptedException {
        while (meter.started(operation, true) == 0) {
            Thread.sleep(5);
        }
    }
}
