package dk.sdu.im.testkit.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's upload client speaks the same WEBSOCKET_V2 as {@link WebSocketV2Upload}, byte for byte. */
class DirectUploadTest {
    private static final int OK = 0;
    private static final int COMPLETED = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final RawWebSocketPeer peer = new RawWebSocketPeer();

    DirectUploadTest() throws Exception {
    }

    @AfterEach
    void stop() throws Exception {
        pool.shutdownNow();
        peer.close();
    }

    @Test
    void announcesTheFileSendsItsDataAfterTheOkInMaskedChunksAndClosesAfterCompleted() throws Exception {
        Path source = Files.writeString(dir.resolve("ten"), "0123456789");
        Future<UploadResult> upload = start(UploadSource.of(source, "").withModifiedAt(1_700_000_000_123L), 4);

        try (var server = peer.accept()) {
            assertThat(server.head().requestLine()).isEqualTo("GET /ucloud/slurm/upload?token=t%2B HTTP/1.1");
            RawWebSocketPeer.Frame listing = server.readMessage();
            assertThat(listing.masked()).isTrue();
            assertThat(listing.payload()).isEqualTo(V2Frames.listing(java.util.List.of(
                    new ListingEntry(0, 10, 1_700_000_000_123L, ""))).array());
            server.sendBinary(message(OK, 0));
            for (String piece : new String[] {"0123", "4567", "89"}) {
                RawWebSocketPeer.Frame chunk = server.readMessage();
                assertThat(chunk.masked()).isTrue();
                assertThat(chunk.payload()).isEqualTo(V2Frames.chunk(0, piece.getBytes()).array());
            }
            server.sendBinary(message(COMPLETED, 1));
            finish(server);
        }
        UploadResult result = upload.get(10, TimeUnit.SECONDS);
        assertThat(result.isCompleted()).isTrue();
        assertThat(result.ok()).containsExactly(0);
        assertThat(result.bytesSent()).isEqualTo(10);
        assertThat(result.completed()).isEqualTo(1);
        assertThat(result.serverClose()).contains(new CloseStatus(1000, ""));
    }

    @Test
    void aLargeFileArrivesIntactAcrossChunksAndBufferRefills() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 123];
        new Random(42).nextBytes(content);
        Path source = Files.write(dir.resolve("large"), content);
        Future<UploadResult> upload = start(UploadSource.of(source, ""), 2 * 1024 * 1024 + 3);

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (var server = peer.accept()) {
            server.readMessage();
            server.sendBinary(message(OK, 0));
            while (received.size() < content.length) {
                ByteBuffer chunk = server.readMessage().buffer();
                assertThat(chunk.get()).isEqualTo((byte) 2);
                assertThat(chunk.getInt()).isZero();
                received.write(chunk.array(), chunk.position(), chunk.remaining());
            }
            server.sendBinary(message(COMPLETED, 1));
            finish(server);
        }
        assertThat(received.toByteArray()).isEqualTo(content);
        assertThat(upload.get(10, TimeUnit.SECONDS).bytesSent()).isEqualTo(content.length);
    }

    @Test
    void anEmptyFileIsOneEmptyChunk() throws Exception {
        Future<UploadResult> upload = start(UploadSource.of(Files.writeString(dir.resolve("empty"), ""), ""), 4);

        try (var server = peer.accept()) {
            server.readMessage();
            server.sendBinary(message(OK, 0));
            assertThat(server.readMessage().payload()).isEqualTo(new byte[] {2, 0, 0, 0, 0});
            server.sendBinary(message(COMPLETED, 1));
            finish(server);
        }
        assertThat(upload.get(10, TimeUnit.SECONDS).isCompleted()).isTrue();
    }

    @Test
    void aTextPingIsAnsweredWithATextPong() throws Exception {
        Future<UploadResult> upload = start(UploadSource.of(Files.writeString(dir.resolve("f"), "x"), ""), 4);

        try (var server = peer.accept()) {
            server.readMessage();
            server.sendText("ping");
            RawWebSocketPeer.Frame pong = server.readMessage();
            assertThat(pong.opcode()).isEqualTo(1);
            assertThat(pong.text()).isEqualTo("pong");
            server.sendBinary(message(COMPLETED, 1));
            finish(server);
        }
        assertThat(upload.get(10, TimeUnit.SECONDS).isCompleted()).isTrue();
    }

    @Test
    void aServerCloseEndsTheUploadWithItsCodeAndReason() throws Exception {
        Future<UploadResult> upload = start(UploadSource.of(Files.writeString(dir.resolve("f"), "x"), ""), 4);

        try (var server = peer.accept()) {
            server.readMessage();
            server.sendClose(1008, "bad token");
            assertThat(server.readMessage().opcode()).isEqualTo(8);
        }
        assertThat(upload.get(10, TimeUnit.SECONDS).ending()).isEqualTo(new Ending.ServerClosed(new CloseStatus(1008, "bad token")));
    }

    @Test
    void aRefusedUpgradeReportsTheHttpStatus() throws Exception {
        Future<UploadResult> upload = start(UploadSource.of(Files.writeString(dir.resolve("f"), "x"), ""), 4);

        peer.refuse(404);
        assertThat(upload.get(10, TimeUnit.SECONDS).ending()).isEqualTo(new Ending.Refused(404));
    }

    @Test
    void aSilentServerEndsTheUploadByTimeoutInsteadOfHanging() throws Exception {
        Future<UploadResult> upload = pool.submit(() -> DirectUpload.run(peer.httpBase() + "/upload",
                UploadSource.of(Files.writeString(dir.resolve("f"), "x"), ""), 4, Duration.ofMillis(300)));

        try (var server = peer.accept()) {
            server.readMessage();
            assertThat(upload.get(10, TimeUnit.SECONDS).ending()).isInstanceOf(Ending.TimedOut.class);
        }
    }

    private Future<UploadResult> start(UploadSource source, int chunkSize) {
        return pool.submit(() -> DirectUpload.run(peer.httpBase() + "/ucloud/slurm/upload?token=t%2B", source, chunkSize, TIMEOUT));
    }

    /** Expects the CLOSE opcode, then the WebSocket close, and answers it. */
    private static void finish(RawWebSocketPeer.Connection server) throws Exception {
        assertThat(server.readMessage().payload()).as("CLOSE opcode").isEqualTo(new byte[] {6});
        RawWebSocketPeer.Frame close = server.readMessage();
        assertThat(close.opcode()).isEqualTo(8);
        server.echoClose(close);
    }

    private static byte[] message(int opcode, int value) {
        return ByteBuffer.allocate(5).put((byte) opcode).putInt(value).array();
    }
}
