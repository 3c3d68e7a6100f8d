package dk.sdu.im.user.transfer;

import static dk.sdu.im.user.transfer.UploadFixture.ALICE;
import static dk.sdu.im.user.transfer.UploadFixture.PUBLIC_URL;
import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.wire.Transfers.CreateUploadResponseItem;
import dk.sdu.im.testkit.browser.Ending;
import dk.sdu.im.testkit.browser.ListingEntry;
import dk.sdu.im.testkit.browser.ServerMessage;
import dk.sdu.im.testkit.browser.SocketEvent;
import dk.sdu.im.testkit.browser.UploadOptions;
import dk.sdu.im.testkit.browser.UploadResult;
import dk.sdu.im.testkit.browser.UploadSource;
import dk.sdu.im.testkit.browser.V2Frames;
import dk.sdu.im.testkit.browser.WebSocketV2Upload;
import dk.sdu.im.api.http.HttpListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WEBSOCKET_V2 uploads end to end: the testkit's browser client against IM/User's WebSocket listener. */
class WebSocketUploadTest {
    private static final List<String> V2 = List.of("WEBSOCKET_V2");
    private static final long MTIME = 1_700_000_000_000L;

    @TempDir
    Path temp;
    @TempDir
    Path sources;
    private UploadFixture fixture;
    private HttpListener server;

    @BeforeEach
    void start() throws IOException {
        fixture = new UploadFixture(temp);
        server = HttpListener.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Map.of(fixture.service.uploadPath(), new WebSocketUploadEndpoint(fixture.service, fixture.activity::incrementAndGet,
                        new dk.sdu.im.api.log.RequestLog())),
                HttpListener.Settings.defaults());
    }

    @AfterEach
    void stop() {
        server.close();
        fixture.close();
    }

    private CreateUploadResponseItem create(String id, String type, String policy) {
        var response = fixture.service.createUpload(fixture.drive, UploadFixture.item(id, type, policy, V2), ALICE);
        assertThat(response.protocol()).isEqualTo("WEBSOCKET_V2");
        return response;
    }

    private String local(CreateUploadResponseItem response) {
        return response.endpoint().replace(PUBLIC_URL, "http://127.0.0.1:" + server.address().getPort());
    }

    private Path source(String name, int bytes) throws IOException {
        return UploadFixture.randomFile(sources, name, bytes);
    }

    private static UploadResult upload(String endpoint, List<UploadSource> files, UploadOptions options) {
        return WebSocketV2Upload.run(endpoint, files, options.withTimeout(Duration.ofSeconds(20)));
    }

    private static byte[] sha256(Path file) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    }

    @Test
    void uploadsOneFileInSeveralChunksWithItsModificationTime() throws Exception {
        Path source = source("data.bin", 5 * 1024 * 1024 + 17);
        var upload = create("/12/data.bin", "FILE", "REJECT");

        UploadResult result = upload(local(upload), List.of(UploadSource.of(source, "").withModifiedAt(MTIME)),
                UploadOptions.defaults().withChunkSize(1024 * 1024));

        assertThat(result.ending()).as(result.toString()).isInstanceOf(Ending.Completed.class);
        assertThat(result.completed()).isEqualTo(1);
        Path written = fixture.root.resolve("data.bin");
        assertThat(sha256(written)).isEqualTo(sha256(source));
        assertThat(Files.getLastModifiedTime(written)).isEqualTo(FileTime.fromMillis(MTIME));
        assertThat(fixture.partials()).isEmpty();
        assertThat(fixture.activity.get()).as("the upload keeps the instance awake").isPositive();
    }

    @Test
    void uploadsAFileLargerThanAnInstancesHeapInBrowserSizedChunks() throws Exception {
        Path source = source("large.bin", 80 * 1024 * 1024 + 3);
        var upload = create("/12/large.bin", "FILE", "REPLACE");

        UploadResult result = upload(local(upload), List.of(UploadSource.of(source, "")), UploadOptions.defaults());

        assertThat(result.ending()).as(result.toString()).isInstanceOf(Ending.Completed.class);
        assertThat(result.bytesSent()).isEqualTo(Files.size(source));
        assertThat(sha256(fixture.root.resolve("large.bin"))).isEqualTo(sha256(source));
    }

    @Test
    void uploadsAFolderWithNestedPathsAndEmptyFilesThroughMoreFilesThanOpenSlots() throws Exception {
        List<UploadSource> files = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            files.add(UploadSource.of(source("many/f" + i, i * 10), "sub/dir" + (i % 3) + "/f" + i));
        }
        files.add(UploadSource.of(source("empty", 0), "empty.txt"));
        var upload = create("/12/album", "FOLDER", "RENAME");

        UploadResult result = upload(local(upload), files, UploadOptions.defaults());

        assertThat(result.ending()).as(result.toString()).isInstanceOf(Ending.Completed.class);
        assertThat(result.completed()).isEqualTo(101);
        assertThat(result.ok()).hasSize(101);
        Path album = fixture.root.resolve("album");
        assertThat(Files.size(album.resolve("sub/dir1/f97"))).isEqualTo(970);
        assertThat(album.resolve("empty.txt")).isEmptyFile();
        assertThat(fixture.partials()).isEmpty();
    }

    @Test
    void skipsFilesThatAlreadyMatchInSizeAndTimeAndReplacesOthers() throws Exception {
        Path same = source("same.txt", 100);
        Path changed = source("changed.txt", 50);
        Path folder = fixture.folder("sync");
        Files.write(folder.resolve("same.txt"), new byte[100]);
        Files.setLastModifiedTime(folder.resolve("same.txt"), FileTime.fromMillis(MTIME + 30_000));
        Files.write(folder.resolve("changed.txt"), new byte[49]);
        Files.setLastModifiedTime(folder.resolve("changed.txt"), FileTime.fromMillis(MTIME));
        var upload = create("/12/sync", "FOLDER", "MERGE_RENAME");

        UploadResult result = upload(local(upload), List.of(UploadSource.of(same, "same.txt").withModifiedAt(MTIME),
                UploadSource.of(changed, "changed.txt").withModifiedAt(MTIME)), UploadOptions.defaults());

        assertThat(result.ending()).as(result.toString()).isInstanceOf(Ending.Completed.class);
        assertThat(result.skipped()).containsExactly(0);
        assertThat(result.ok()).containsExactly(1);
        assertThat(Files.readAllBytes(folder.resolve("same.txt"))).as("skipped, untouched").isEqualTo(new byte[100]);
    }

    @Test
    void anInterruptedUploadLeavesNoFileUnderItsNameAndNoPartialFile() throws Exception {
        Path source = source("big.bin", 3 * 1024 * 1024);
        var upload = create("/12/big.bin", "FILE", "REJECT");

        UploadResult result = upload(local(upload), List.of(UploadSource.of(source, "")),
                UploadOptions.defaults().withChunkSize(512 * 1024).withAbort(0, 1024 * 1024));

        assertThat(result.ending()).isInstanceOf(Ending.Aborted.class);
        assertThat(eventually(() -> fixture.partials().isEmpty() && server.openSockets() == 0)).isTrue();
        assertThat(fixture.root.resolve("big.bin")).doesNotExist();
    }

    @Test
    void closeEndsTheSessionAndTheLinkStopsWorking() throws Exception {
        Path source = source("a.txt", 10);
        var upload = create("/12/a.txt", "FILE", "REPLACE");
        assertThat(upload(local(upload), List.of(UploadSource.of(source, "")), UploadOptions.defaults()).isCompleted()).isTrue();

        UploadResult again = upload(local(upload), List.of(UploadSource.of(source, "")), UploadOptions.defaults());

        assertThat(again.ending()).isEqualTo(new Ending.Refused(404));
    }

    @Test
    void anUnknownTokenIsRefusedBeforeTheUpgrade() throws Exception {
        var upload = create("/12/a.txt", "FILE", "REPLACE");
        String forged = local(upload).replaceAll("token=[^&]+", "token=" + "A".repeat(43));

        UploadResult result = upload(forged, List.of(UploadSource.of(source("a.txt", 1), "")), UploadOptions.defaults());

        assertThat(result.ending()).isEqualTo(new Ending.Refused(404));
    }

    @Test
    void aRepeatedHintNamingTheTokensUserIsAcceptedRawPlusIncludedAndAnotherUsersIsRefused() throws Exception {
        String user = "\u00ff\u00fe?>#1"; // standard base64 w7/Dvj8+IzE=
        String standard = Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
        String bob = Base64.getEncoder().encodeToString("bob#1".getBytes(StandardCharsets.UTF_8));
        var own = fixture.service.createUpload(fixture.drive, UploadFixture.item("/12/own.txt", "FILE", "REJECT", V2), user);
        var foreign = fixture.service.createUpload(fixture.drive, UploadFixture.item("/12/foreign.txt", "FILE", "REJECT", V2), user);
        List<UploadSource> file = List.of(UploadSource.of(source("h.txt", 3), ""));

        assertThat(upload(local(own) + "&usernameHint=" + standard, file, UploadOptions.defaults()).ending())
                .isEqualTo(new Ending.Completed());
        assertThat(upload(local(foreign) + "&usernameHint=" + bob, file, UploadOptions.defaults()).ending())
                .isEqualTo(new Ending.Refused(404));
        assertThat(fixture.root.resolve("own.txt")).hasSize(3);
        assertThat(fixture.root.resolve("foreign.txt")).doesNotExist();
    }

    @Test
    void aPathLeadingOutOfTheFolderClosesTheSessionAndWritesNothing() throws Exception {
        var upload = create("/12/inbox", "FOLDER", "REJECT");

        UploadResult result = upload(local(upload), List.of(UploadSource.of(source("x", 5), "../escaped.txt")),
                UploadOptions.defaults());

        assertThat(result.serverClose()).hasValueSatisfying(close -> assertThat(close.code()).isEqualTo(4400));
        assertThat(fixture.root.resolve("escaped.txt")).doesNotExist();
        assertThat(fixture.base.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void moreBytesThanAnnouncedIsAProtocolViolation() throws Exception {
        var upload = create("/12/short.txt", "FILE", "REJECT");
        try (var socket = WebSocketV2Upload.open(local(upload), Duration.ofSeconds(10))) {
            socket.sendBinary(V2Frames.listing(List.of(new ListingEntry(7, 3, MTIME, ""))));
            assertThat(serverMessages(socket)).contains(new ServerMessage.Ok(7));
            socket.sendBinary(V2Frames.chunk(7, new byte[4]));

            assertThat(socket.awaitServerClose(Duration.ofSeconds(10)))
                    .hasValueSatisfying(close -> assertThat(close.code()).isEqualTo(1008));
        }
        assertThat(eventually(() -> fixture.partials().isEmpty())).isTrue();
        assertThat(fixture.root.resolve("short.txt")).doesNotExist();
    }

    @Test
    void answersPingWithPong() throws Exception {
        var upload = create("/12/p.txt", "FILE", "REJECT");
        try (var socket = WebSocketV2Upload.open(local(upload), Duration.ofSeconds(10))) {
            socket.sendText("ping");
            assertThat(socket.next(Duration.ofSeconds(5))).hasValueSatisfying(event ->
                    assertThat(event).isEqualTo(new SocketEvent.Text("pong")));
        }
    }

    private static List<ServerMessage> serverMessages(dk.sdu.im.testkit.browser.BrowserSocket socket) throws Exception {
        var event = socket.next(Duration.ofSeconds(5)).orElseThrow();
        assertThat(event).isInstanceOf(SocketEvent.Binary.class);
        return V2Frames.parseServerFrame(((SocketEvent.Binary) event).data());
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static boolean eventually(Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(20);
        }
        return check.holds();
    }
}
