package dk.sdu.im.testkit.browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketV2UploadTest {
    private static final int OK = 0;
    private static final int SKIP = 3;
    private static final int COMPLETED = 5;

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final RawWebSocketPeer peer = new RawWebSocketPeer();

    WebSocketV2UploadTest() throws Exception {
    }

    @AfterEach
    void stop() throws Exception {
        pool.shutdownNow();
        peer.close();
    }

    @Test
    void opensTheHttpEndpointAsAWebSocketWithPathAndQueryAndNoCredentials() throws Exception {
        Future<UploadResult> upload = pool.submit(() -> WebSocketV2Upload.run(
                peer.httpBase() + "/ucloud/slurm/upload?token=ab%2Bc&usernameHint=YQ%3D%3D", List.of(), UploadOptions.defaults()));

        try (var server = peer.accept()) {
            assertThat(server.head().requestLine()).isEqualTo("GET /ucloud/slurm/upload?token=ab%2Bc&usernameHint=YQ%3D%3D HTTP/1.1");
            assertThat(server.head().header("upgrade")).isEqualToIgnoringCase("websocket");
            assertThat(server.head().headers()).doesNotContainKeys("authorization", "cookie", "ucloud-username");
            server.readMessage();
            finish(server);
        }
        assertThat(upload.get(10, TimeUnit.SECONDS).ending()).isEqualTo(new Ending.Completed());
    }

    @Test
    void theListingIsOneMaskedFrameWithEveryEntryFieldByFieldBigEndian() throws Exception {
        Path a = file("a.txt", "hello");
        Path b = file("b.txt", "xyz");
        Path empty = file("empty", "");
        List<UploadSource> files = List.of(
                UploadSource.of(a, "").withModifiedAt(1_700_000_000_123L),
                UploadSource.of(b, "sub/ø € 😀.txt").withModifiedAt(-5L),
                UploadSource.of(empty, "deep/er/empty"));
        Future<UploadResult> upload = start(files, UploadOptions.defaults());

        try (var server = peer.accept()) {
            RawWebSocketPeer.Frame listing = server.readMessage();
            assertThat(listing.opcode()).as("binary").isEqualTo(2);
            assertThat(listing.masked()).as("client frames are masked").isTrue();
            ByteBuffer in = listing.buffer();
            assertThat(in.get()).as("LISTING opcode, once").isEqualTo((byte) 4);
            assertEntry(in, 0, 5, 1_700_000_000_123L, "");
            assertEntry(in, 1, 3, -5L, "sub/ø € 😀.txt");
            assertEntry(in, 2, 0, Files.getLastModifiedTime(empty).toMillis(), "deep/er/empty");
            assertThat(in.hasRemaining()).as("nothing after the last entry").isFalse();
            server.sendBinary(concat(message(SKIP, 0), message(SKIP, 1), message(SKIP, 2), message(COMPLETED, 3)));
            finish(server);
        }
        UploadResult result = upload.get(10, TimeUnit.SECONDS);
        assertThat(result.skipped()).containsExactly(0, 1, 2);
        assertThat(result.ok()).isEmpty();
        assertThat(result.bytesSent()).isZero();
        assertThat(result.completed()).isEqualTo(3);
    }

    @Test
    void dataFollowsOnlyTheOkInChunksOfTheConfiguredSize() throws Exception {
        Path source = file("ten", "0123456789");
        Future<UploadResult> upload = start(List.of(UploadSource.of(source, "")), UploadOptions.defaults().withChunkSize(4));

        try (var server = peer.accept()) {
            server.readMessage();
            assertThat(server.poll(Duration.ofMillis(300))).as("no data before OK").isEmpty();
            server.sendBinary(message(OK, 0));
            assertThat(server.readMessage().payload()).isEqualTo(chunk(0, "0123"));
            assertThat(server.readMessage().payload()).isEqualTo(chunk(0, "4567"));
            assertThat(server.readMessage().payload()).isEqualTo(chunk(0, "89"));
            assertThat(server.poll(Duration.ofMillis(200))).as("nothing before COMPLETED").isEmpty();
            server.sendBinary(message(COMPLETED, 1));
            finish(server);
        }
        UploadResult result = upload.get(10, TimeUnit.SECONDS);
        assertThat(result.ok()).containsExactly(0);
        assertThat(result.bytesSent()).isEqualTo(10);
        assertThat(result.isCompleted()).isTrue();
    }

    @Test
    void anEmptyFileIsSentAsOneZeroLengthChunk() throws Exception {
        Future<UploadResult> upload = start(List.of(UploadSource.of(file("empty", ""), "")), UploadOptions.defaults());

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
    void severalMessagesInOneFrameAreEachHonoured() throws Exception {
        Path first = file("first", "first");
        Path second = file("second", "second!");
        Future<UploadResult> upload = start(List.of(UploadSource.of(first, "first"), UploadSource.of(second, "second")),
                UploadOptions.defaults());

        try (var server = peer.accept()) {
            server.readMessage();
            server.sendBinary(concat(message(SKIP, 0), message(OK, 1), message(COMPLETED, 1)));
            assertThat(server.readMessage().payload()).isEqualTo(chunk(1, "second!"));
            server.sendBinary(message(COMPLETED, 2));
            finish(server);
        }
        UploadResult result = upload.get(10, TimeUnit.SECONDS);
        assertThat(result.skipped()).containsExactly(0);
        assertThat(result.ok()).containsExactly(1);
        assertThat(result.messages()).containsExactly(new ServerMessage.Skip(0), new ServerMessage.Ok(1),
                new ServerMessage.Completed(1), new ServerMessage.Completed(2));
    }

    @Test
    void likeTheBrowserItCanCloseWithoutTheCloseOpcode() throws Exception {
        Future<UploadResult> upload = start(List.of(UploadSource.of(file("f", "x"), "")),
                UploadOptions.defaults().withSendClose(false));

        try (var server = peer.accept()) {
            server.readMessage();
            server.sendBinary(message(OK, 0));
            server.readMessage();
            server.sendBinary(message(COMPLETED, 1));
            RawWebSocketPeer.Frame next = server.readMessage();
            assertThat(next.opcode()).as("a WebSocket close, no CLOSE opcode first").isEqualTo(8);
            assertThat(next.closeCode()).isEqualTo(1000);
            server.echoClose(next);
        }
        UploadResult result = upload.get(10, TimeUnit.SECONDS);
        assertThat(result.isCompleted()).isTrue();
        assertThat(result.serverClose()).contains(new CloseStatus(1000, ""));
    }

    @Test
    void aTextPingIsAnsweredWithATextPong() throws Exception {
        Future<UploadResult> upload = start(List.of(UploadSource.of(file("f", "x"), "")), UploadOptions.defaults());

        try (var server = peer.accept()) {
            server.readMessage();
            server.sendText("ping");
            RawWebSocketPeer.Frame pong = server.readMessage();
            assertThat(pong.opcode()).isEqualTo(1);
            assertThat(pong.text()).isEqualTo("pong");
            server.sendBinary(concat(message(SKIP, 0), message(COMPLETED, 1)));
            finish(server);
        }
        assertThat(upload.get(10, TimeUnit.SECONDS).isCompleted()).isTrue();
    }

    @Test
    void anAbortCutsTheConnectionAfterExactlyTheGivenBytesWithoutACloseFrame() throws Exception {
        Path source = file("hundred", "x".repeat(100));
        Future<UploadResult> upload = start(List.of(UploadSource.of(source, "")),
                UploadOptions.defaults().withChunkSize(16).withAbort(0, 40));

        try (var server = peer.accept()) {
            server.readMessage();
            server.sendBinary(message(OK, 0));
            int received = 0;
            while (received < 40) {
                RawWebSocketPeer.Frame chunk = server.readMessage();
                assertThat(chunk.opcode()).isEqualTo(2);
                received += chunk.payload().length - 5;
            }
            assertThat(received).isEqualTo(40);
            assertThat(server.endsWithoutCloseFrame()).isTrue();
        }
        UploadResult result = upload.get(10, TimeUnit.SECONDS);
        assertThat(result.ending()).isInstanceOf(Ending.Aborted.class);
        assertThat(result.bytesSent()).isEqualTo(40);
    }

    @Test
    void aServerCloseEndsTheUploadWithItsCodeAndReason() throws Exception {
        Future<UploadResult> upload = start(List.of(UploadSource.of(file("f", "x"), "")), UploadOptions.defaults());

        try (var server = peer.accept()) {
            server.readMessage();
            server.sendClose(1008, "bad token");
            RawWebSocketPeer.Frame reply = server.readMessage();
            assertThat(reply.opcode()).isEqualTo(8);
        }
        UploadResult result = upload.get(10, TimeUnit.SECONDS);
        assertThat(result.ending()).isEqualTo(new Ending.ServerClosed(new CloseStatus(1008, "bad token")));
        assertThat(result.serverClose()).contains(new CloseStatus(1008, "bad token"));
    }

    @Test
    void aSilentServerEndsTheUploadByTimeoutInsteadOfHanging() throws Exception {
        Future<UploadResult> upload = start(List.of(UploadSource.of(file("f", "x"), "")),
                UploadOptions.defaults().withTimeout(Duration.ofMillis(300)));

        try (var server = peer.accept()) {
            server.readMessage();
            UploadResult result = upload.get(10, TimeUnit.SECONDS);
            assertThat(result.ending()).isInstanceOf(Ending.TimedOut.class);
        }
    }

    @Test
    void anOkForAFileNotInTheListingIsAProtocolFailure() throws Exception {
        Future<UploadResult> upload = start(List.of(UploadSource.of(file("f", "x"), "")), UploadOptions.defaults());

        try (var server = peer.accept()) {
            server.readMessage();
            server.sendBinary(message(OK, 7));
            UploadResult result = upload.get(10, TimeUnit.SECONDS);
            assertThat(result.ending()).isInstanceOf(Ending.Failed.class);
            assertThat(((Ending.Failed) result.ending()).error()).contains("7");
        }
    }

    @Test
    void aRefusedUpgradeReportsTheHttpStatus() throws Exception {
        Future<UploadResult> upload = start(List.of(UploadSource.of(file("f", "x"), "")), UploadOptions.defaults());

        peer.refuse(404);
        assertThat(upload.get(10, TimeUnit.SECONDS).ending()).isEqualTo(new Ending.Refused(404));
    }

    @Test
    void aLargeFileArrivesIntactInChunksNoLargerThanConfigured() throws Exception {
        byte[] content = new byte[1024 * 1024 + 123];
        new Random(42).nextBytes(content);
        Path source = Files.write(dir.resolve("large"), content);
        Future<UploadResult> upload = start(List.of(UploadSource.of(source, "")), UploadOptions.defaults().withChunkSize(65536));

        List<Integer> sizes = new ArrayList<>();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (var server = peer.accept()) {
            server.readMessage();
            server.sendBinary(message(OK, 0));
            while (received.size() < content.length) {
                ByteBuffer chunk = server.readMessage().buffer();
                assertThat(chunk.get()).isEqualTo((byte) 2);
                assertThat(chunk.getInt()).isZero();
                sizes.add(chunk.remaining());
                received.write(chunk.array(), chunk.position(), chunk.remaining());
            }
            server.sendBinary(message(COMPLETED, 1));
            finish(server);
        }
        assertThat(received.toByteArray()).isEqualTo(content);
        assertThat(sizes).hasSize(17).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(65536));
        assertThat(upload.get(10, TimeUnit.SECONDS).bytesSent()).isEqualTo(content.length);
    }

    @Test
    void rawFramesCanBeSentBeforeAnUploadOnTheSameSocket() throws Exception {
        Future<UploadResult> upload = pool.submit(() -> {
            BrowserSocket socket = WebSocketV2Upload.open(peer.httpBase() + "/upload?token=t", Duration.ofSeconds(5));
            socket.sendBinary(V2Frames.skip(99));
            return WebSocketV2Upload.over(socket, List.of(), UploadOptions.defaults());
        });

        try (var server = peer.accept()) {
            assertThat(server.readMessage().payload()).isEqualTo(new byte[] {3, 0, 0, 0, 99});
            assertThat(server.readMessage().payload()).as("an empty listing").isEqualTo(new byte[] {4});
            finish(server);
        }
        assertThat(upload.get(10, TimeUnit.SECONDS).isCompleted()).isTrue();
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private Future<UploadResult> start(List<UploadSource> files, UploadOptions options) {
        return pool.submit(() -> WebSocketV2Upload.run(peer.httpBase() + "/ucloud/slurm/upload?token=t", files, options));
    }

    private Path file(String name, String content) throws Exception {
        Path file = Files.writeString(dir.resolve(name), content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_600_000_000_000L + name.length()));
        return file;
    }

    /** Expects the CLOSE opcode, then the WebSocket close, and answers it. */
    private static void finish(RawWebSocketPeer.Connection server) throws Exception {
        assertThat(server.readMessage().payload()).as("CLOSE opcode").isEqualTo(new byte[] {6});
        RawWebSocketPeer.Frame close = server.readMessage();
        assertThat(close.opcode()).isEqualTo(8);
        server.echoClose(close);
    }

    private static void assertEntry(ByteBuffer in, int id, long size, long mtime, String relPath) {
        assertThat(in.getInt()).as("fileId").isEqualTo(id);
        assertThat(in.getLong()).as("size").isEqualTo(size);
        assertThat(in.getLong()).as("modifiedAtMs").isEqualTo(mtime);
        byte[] expected = relPath.getBytes(StandardCharsets.UTF_8);
        assertThat(in.getInt()).as("u32 byte length of relPath").isEqualTo(expected.length);
        byte[] path = new byte[expected.length];
        in.get(path);
        assertThat(new String(path, StandardCharsets.UTF_8)).isEqualTo(relPath);
    }

    private static byte[] message(int opcode, int value) {
        return ByteBuffer.allocate(5).put((byte) opcode).putInt(value).array();
    }

    private static byte[] chunk(int fileId, String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(5 + bytes.length).put((byte) 2).putInt(fileId).put(bytes).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            joined.writeBytes(part);
        }
        return joined.toByteArray();
    }
}
