package dk.sdu.im.user.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.testkit.browser.ChunkedUpload;
import dk.sdu.im.testkit.browser.FrontendUpload;
import dk.sdu.im.testkit.browser.FrontendUpload.Selection;
import dk.sdu.im.testkit.browser.FrontendUploadResult;
import dk.sdu.im.testkit.browser.FrontendUploadResult.Chunked;
import dk.sdu.im.testkit.browser.FrontendUploadResult.Streamed;
import dk.sdu.im.testkit.client.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 12, uploads: files uploaded by the frontend's own upload logic (testkit {@link FrontendUpload}), which offers
 * {@code ["CHUNKED","WEBSOCKET"]} and gets WEBSOCKET_V2 for a single file too, arrive complete and byte for byte,
 * empty files included; CHUNKED, for a client offering only it, still commits empty files and resumes from its
 * offset; V2 skips files already complete.
 */
class FrontendUploadTest {
    private static final String ALICE = "alice#1234";

    @TempDir
    Path temp;
    @TempDir
    Path sources;
    private FrontendFixture t;

    @BeforeEach
    void start() throws Exception {
        t = new FrontendFixture(temp, ALICE);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private Path source(String name, int size) throws Exception {
        return UploadFixture.randomFile(sources, name, size);
    }

    private Path landed(String name) {
        return t.instance.root.resolve(name);
    }

    /** The upload went by WEBSOCKET_V2 to its end, and the file is where it belongs, the same bytes and mtime. */
    private void assertArrived(FrontendUploadResult result, Path source, Path landed) throws Exception {
        assertThat(result).isInstanceOfSatisfying(Streamed.class, streamed -> {
            assertThat(streamed.strategy().protocol()).isEqualTo("WEBSOCKET_V2");
            assertThat(streamed.socket().isCompleted()).as(streamed.socket().toString()).isTrue();
        });
        assertThat(landed).isRegularFile();
        assertThat(Files.mismatch(landed, source)).as("the same bytes").isEqualTo(-1L);
        assertThat(Files.getLastModifiedTime(landed)).isEqualTo(FileTime.fromMillis(Files.getLastModifiedTime(source).toMillis()));
        assertThat(t.instance.partials()).isEmpty();
    }

    @Test
    void anEmptyFileUploadedByTheFrontendExistsAndIsEmpty() throws Exception {
        Path source = source("empty.txt", 0);

        FrontendUploadResult result = t.upload.upload(Selection.file(source, "/12"));

        assertArrived(result, source, landed("empty.txt"));
        assertThat(landed("empty.txt")).isEmptyFile();
    }

    @Test
    void aOneByteFileUploadedByTheFrontendArrives() throws Exception {
        Path source = source("one.bin", 1);

        assertArrived(t.upload.upload(Selection.file(source, "/12")), source, landed("one.bin"));
    }

    @Test
    void a64MiBFileUploadedByTheFrontendArrivesByteForByte() throws Exception {
        Path source = source("large.bin", 64 * 1024 * 1024 + 3);

        FrontendUploadResult result = t.upload.upload(Selection.file(source, "/12"));

        assertArrived(result, source, landed("large.bin"));
        assertThat(((Streamed) result).socket().bytesSent()).isEqualTo(Files.size(source));
    }

    @Test
    void theFrontendsRenameOfATakenNameIsResolvedBeforeTheFileStreams() throws Exception {
        t.instance.file("report.txt", new byte[] {1});
        Path source = source("report.txt", 10);

        assertArrived(t.upload.upload(Selection.file(source, "/12")), source, landed("report(1).txt"));
        assertThat(landed("report.txt")).hasBinaryContent(new byte[] {1});
    }

    @Test
    void aFolderUploadedByTheFrontendKeepsItsNestedNamesAndEmptyFiles() throws Exception {
        source("album/top.txt", 5);
        source("album/sub/deeper/leaf.bin", 70_000);
        source("album/sub/empty", 0);

        FrontendUploadResult result = t.upload.upload(Selection.folder(sources.resolve("album"), "/12"));

        assertThat(result).isInstanceOfSatisfying(Streamed.class, streamed -> assertThat(streamed.socket().completed()).isEqualTo(3));
        for (String name : List.of("top.txt", "sub/deeper/leaf.bin", "sub/empty")) {
            assertThat(Files.mismatch(landed("album/" + name), sources.resolve("album/" + name))).as(name).isEqualTo(-1L);
        }
        assertThat(t.instance.partials()).isEmpty();
    }

    @ParameterizedTest(name = "{0} offering [{1}] gets {2}")
    @CsvSource(delimiter = ';', value = {
        "FILE;   CHUNKED,WEBSOCKET;  WEBSOCKET_V2",
        "FOLDER; CHUNKED,WEBSOCKET;  WEBSOCKET_V2",
        "FILE;   WEBSOCKET_V2;       WEBSOCKET_V2",
        "FOLDER; WEBSOCKET_V2;       WEBSOCKET_V2",
        "FILE;   CHUNKED;            CHUNKED",
        "FOLDER; CHUNKED;            400",
        "FILE;   '';                 WEBSOCKET_V2",
        "FOLDER; '';                 WEBSOCKET_V2",
    })
    void theProtocolFollowsTheOfferAndTheUploadArrives(String kind, String offer, String expected) throws Exception {
        Path file = source("in/x.bin", 1000);
        List<String> offered = offer.isEmpty() ? List.of() : Arrays.asList(offer.split(","));
        Selection selection = (kind.equals("FILE") ? Selection.file(file, "/12") : Selection.folder(file.getParent(), "/12"))
                .offering(offered);

        FrontendUploadResult result = t.upload.upload(selection);

        if (expected.equals("400")) {
            assertThat(result).isInstanceOf(FrontendUploadResult.NotStarted.class);
            assertThat(result.created().status()).isEqualTo(400);
            assertThat(t.instance.listing()).isEmpty();
            return;
        }
        assertThat(result.created().json().at("/responses/0/protocol").asText()).isEqualTo(expected);
        Path landed = landed(kind.equals("FILE") ? "x.bin" : "in/x.bin");
        assertThat(Files.mismatch(landed, file)).isEqualTo(-1L);
    }

    @Test
    void anEmptyFileByChunkedIsCommittedByOneEmptyPostWhichTheFrontendsLoopNeverSends() throws Exception {
        Path source = source("empty.txt", 0);

        var chunked = (Chunked) t.upload.upload(Selection.file(source, "/12").offering(List.of("CHUNKED")));

        assertThat(chunked.posts()).as("the frontend's loop sends nothing for 0 bytes").isEmpty();
        assertThat(chunked.frontendReportsSuccess()).as("and says it is done").isTrue();
        assertThat(landed("empty.txt")).as("so nothing tells the provider").doesNotExist();
        try (var client = new ChunkedUpload(FrontendFixture.TIMEOUT)) {
            Reply post = client.post(new ChunkedUpload.Chunk(t.reach.url().apply(chunked.strategy().endpoint()),
                    chunked.strategy().token(), 0, 0, ALICE, new byte[0]));
            assertThat(post.status()).as(post.body()).isEqualTo(200);
        }
        assertThat(landed("empty.txt")).isEmptyFile();
        assertThat(t.instance.partials()).isEmpty();
    }

    @Test
    void chunkedResumesFromItsOffsetAfterThePauseButton() throws Exception {
        Path source = source("paused.bin", FrontendUpload.MAX_CHUNK_BYTES + 12_345);

        var paused = (Chunked) t.upload.upload(Selection.file(source, "/12").offering(List.of("CHUNKED")).pausingAfterChunks(1));
        assertThat(paused.paused()).isTrue();
        assertThat(landed("paused.bin")).as("not under its name before the last byte").doesNotExist();
        assertThat(t.instance.partials()).hasSize(1);
        Chunked resumed = t.upload.resume(paused);

        assertThat(resumed.posts()).extracting(Reply::status).containsExactly(200);
        assertThat(resumed.posts().getFirst().header("Chunked-Upload-Offset")).isEqualTo(Long.toString(Files.size(source)));
        assertThat(Files.mismatch(landed("paused.bin"), source)).isEqualTo(-1L);
        assertThat(t.instance.partials()).isEmpty();
    }

    @Test
    void aSingleFileUploadedAgainUnderReplaceIsSkippedAsAlreadyComplete() throws Exception {
        Path source = source("notes.txt", 2000);
        Selection replace = Selection.file(source, "/12").withConflictPolicy("REPLACE");
        assertArrived(t.upload.upload(replace), source, landed("notes.txt"));

        var again = (Streamed) t.upload.upload(replace);

        assertThat(again.socket().skipped()).containsExactly(0);
        assertThat(again.socket().ok()).isEmpty();
        assertThat(again.socket().isCompleted()).isTrue();
        assertThat(Files.mismatch(landed("notes.txt"), source)).isEqualTo(-1L);
    }

    @Test
    void aFolderUploadedAgainSkipsTheFilesAlreadyCompleteAndSendsOnlyTheRest() throws Exception {
        source("album/a.txt", 100);
        source("album/b.txt", 200);
        Selection merge = Selection.folder(sources.resolve("album"), "/12").withConflictPolicy("MERGE_RENAME");
        assertThat(((Streamed) t.upload.upload(merge)).socket().completed()).isEqualTo(2);
        source("album/c.txt", 300);

        var again = (Streamed) t.upload.upload(merge);

        assertThat(again.socket().skipped()).containsExactly(0, 1);
        assertThat(again.socket().ok()).containsExactly(2);
        assertThat(again.socket().bytesSent()).isEqualTo(300);
        assertThat(t.instance.listing()).containsExactly("album", "album/a.txt", "album/b.txt", "album/c.txt");
    }
}
