package dk.sdu.im.testkit.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dk.sdu.im.testkit.browser.FrontendUpload.Selection;
import dk.sdu.im.testkit.client.ProviderClient;
import dk.sdu.im.testkit.client.RecordingProvider;
import dk.sdu.im.testkit.client.Reply;
import dk.sdu.im.testkit.core.CoreTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The frontend's upload logic (Uploader.tsx) against recording peers: what it asks for and what it sends. */
class FrontendUploadTest {
    /** Core's tokens with a key of their own; immutable. */
    private static final CoreTokens TOKENS = CoreTokens.withNewKey("cloud.sdu.dk", Clock.systemUTC(), new SecureRandom());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ALICE = "alice#1234";

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final RecordingProvider provider = new RecordingProvider();
    private final RecordingHttpPeer chunkPeer = new RecordingHttpPeer((index, seen, exchange) ->
            RecordingHttpPeer.reply(exchange, 200, "{}".getBytes(StandardCharsets.UTF_8)));
    private final RawWebSocketPeer socketPeer = new RawWebSocketPeer();
    private final ProviderClient core = new ProviderClient(provider.baseUri(), "slurm", TOKENS);
    private final JsonNode drive = JSON.readTree("{\"id\":\"12\"}");
    private final FrontendUpload frontend = new FrontendUpload(core.asUser(ALICE), drive, ALICE, BrowserReach.asIs(),
            Duration.ofSeconds(10));

    FrontendUploadTest() throws Exception {
    }

    @AfterEach
    void stop() throws Exception {
        frontend.close();
        pool.shutdownNow();
        core.close();
        provider.close();
        chunkPeer.close();
        socketPeer.close();
    }

    private void answer(String protocol, String endpoint) {
        provider.replyWith(200, "{\"responses\":[{\"endpoint\":\"" + endpoint + "\",\"protocol\":\"" + protocol
                + "\",\"token\":\"tok\"}]}", false);
    }

    private Path file(String name, int size) throws Exception {
        byte[] content = new byte[size];
        for (int i = 0; i < size; i++) {
            content[i] = (byte) i;
        }
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void asksFilesUploadOfferingChunkedAndWebsocketForTheTargetWithTheDrive() throws Exception {
        answer("WEBSOCKET_V2", "http://127.0.0.1:1/never");
        frontend.upload(Selection.file(file("a.txt", 1), "/12/docs"));

        var seen = provider.last();
        assertThat(seen.path()).isEqualTo("/ucloud/slurm/files/upload");
        JsonNode item = JSON.readTree(seen.body()).at("/items/0");
        assertThat(item.get("supportedProtocols")).containsExactly(JSON.valueToTree("CHUNKED"), JSON.valueToTree("WEBSOCKET"));
        assertThat(item.get("type").asText()).isEqualTo("FILE");
        assertThat(item.get("id").asText()).isEqualTo("/12/docs/a.txt");
        assertThat(item.get("conflictPolicy").asText()).isEqualTo("RENAME");
        assertThat(item.get("resolvedCollection")).isEqualTo(drive);
    }

    @Test
    void theChunkedLoopSendsNothingForAnEmptyFileAndStillReportsSuccess() throws Exception {
        answer("CHUNKED", chunkPeer.url("/ucloud/slurm/upload?token=tok"));

        FrontendUploadResult result = frontend.upload(Selection.file(file("empty.txt", 0), "/12"));

        assertThat(result).isInstanceOfSatisfying(FrontendUploadResult.Chunked.class, chunked -> assertThat(chunked.posts()).isEmpty());
        assertThat(result.frontendReportsSuccess()).isTrue();
        assertThat(chunkPeer.seen()).isEmpty();
    }

    @Test
    void theChunkedLoopPostsSixteenMegabyteChunksWithTheHeadersAndResumesAfterAPause() throws Exception {
        answer("CHUNKED", chunkPeer.url("/ucloud/slurm/upload?token=tok&usernameHint=x"));
        Path source = file("big.bin", FrontendUpload.MAX_CHUNK_BYTES + 1);

        var paused = (FrontendUploadResult.Chunked) frontend.upload(Selection.file(source, "/12").pausingAfterChunks(1));
        assertThat(paused.paused()).isTrue();
        assertThat(paused.offset()).isEqualTo(16_000_000);
        assertThat(paused.frontendReportsSuccess()).isFalse();
        var resumed = frontend.resume(paused);

        assertThat(resumed.posts()).extracting(Reply::status).containsExactly(200);
        assertThat(resumed.frontendReportsSuccess()).isTrue();
        List<RecordingHttpPeer.Seen> seen = chunkPeer.seen();
        assertThat(seen).extracting(RecordingHttpPeer.Seen::pathAndQuery).containsOnly("/ucloud/slurm/upload?token=tok&usernameHint=x");
        assertThat(seen).extracting(s -> s.header("chunked-upload-offset")).containsExactly("0", "16000000");
        assertThat(seen).extracting(s -> s.header("chunked-upload-total-size")).containsOnly("16000001");
        assertThat(seen).extracting(s -> s.header("chunked-upload-token")).containsOnly("tok");
        assertThat(seen).extracting(s -> s.header("ucloud-username")).containsOnly("YWxpY2UjMTIzNA==");
        assertThat(seen).extracting(s -> s.body().length).containsExactly(16_000_000, 1);
    }

    @Test
    void websocketV2StreamsASingleFileUnderTheEmptyNameAndAnEmptyFileAsAZeroLengthChunk() throws Exception {
        answer("WEBSOCKET_V2", socketPeer.httpBase() + "/ucloud/slurm/upload?token=tok");
        Future<FrontendUploadResult> upload = pool.submit(() -> frontend.upload(Selection.file(file("empty.txt", 0), "/12")));

        try (var server = socketPeer.accept()) {
            ByteBuffer listing = server.readMessage().buffer();
            assertThat(listing.get()).isEqualTo((byte) 4);
            assertThat(listing.getInt()).as("file id").isZero();
            assertThat(listing.getLong()).as("size").isZero();
            listing.getLong();
            assertThat(listing.getInt()).as("the name's length: the target itself").isZero();
            server.sendBinary(new byte[] {0, 0, 0, 0, 0});
            assertThat(server.readMessage().payload()).isEqualTo(new byte[] {2, 0, 0, 0, 0});
            server.sendBinary(new byte[] {5, 0, 0, 0, 1});
            RawWebSocketPeer.Frame end = server.readMessage();
            assertThat(end.opcode()).as("a WebSocket close, no CLOSE opcode").isEqualTo(8);
            server.echoClose(end);
        }
        FrontendUploadResult result = upload.get(10, TimeUnit.SECONDS);
        assertThat(result).isInstanceOfSatisfying(FrontendUploadResult.Streamed.class,
                streamed -> assertThat(streamed.socket().isCompleted()).isTrue());
    }

    @Test
    void aPlainWebsocketAnswerMeansV1ForAFileAndV2ForAFolder() {
        assertThat(FrontendUpload.protocolFor("WEBSOCKET", false)).isEqualTo("WEBSOCKET_V1");
        assertThat(FrontendUpload.protocolFor("WEBSOCKET", true)).isEqualTo("WEBSOCKET_V2");
        assertThat(FrontendUpload.protocolFor("CHUNKED", false)).isEqualTo("CHUNKED");
        assertThat(FrontendUpload.protocolFor("FTP", false)).startsWith("not supported");
    }

    @Test
    void aWebsocketV1AnswerForAFileIsReportedAsNotEmulated() throws Exception {
        answer("WEBSOCKET", "http://127.0.0.1:1/never");

        FrontendUploadResult result = frontend.upload(Selection.file(file("a", 1), "/12"));

        assertThat(result).isEqualTo(new FrontendUploadResult.Unsupported(result.created(), "WEBSOCKET_V1"));
    }

    @Test
    void theNameIsTheFullPathWithoutItsFirstTwoParts() {
        assertThat(FrontendUpload.relativeName("report.pdf")).as("a picked file").isEmpty();
        assertThat(FrontendUpload.relativeName("/report.pdf")).as("a dropped file").isEmpty();
        assertThat(FrontendUpload.relativeName("/album/x.jpg")).isEqualTo("x.jpg");
        assertThat(FrontendUpload.relativeName("/album/sub/dir/x.jpg")).isEqualTo("sub/dir/x.jpg");
    }

    @Test
    void aRefusedFilesUploadNeverStarts() throws Exception {
        provider.replyWith(400, "{\"why\":\"no protocol\"}", false);

        FrontendUploadResult result = frontend.upload(Selection.folder(Files.createDirectory(dir.resolve("album")), "/12"));

        assertThat(result).isInstanceOf(FrontendUploadResult.NotStarted.class);
        assertThat(result.created().status()).isEqualTo(400);
        assertThat(JSON.readTree(provider.last().body()).at("/items/0/id").asText()).isEqualTo("/12/album");
    }
}
