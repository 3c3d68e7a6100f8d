package dk.sdu.im.systemtest;

import static dk.sdu.im.systemtest.Host.must;
import static dk.sdu.im.systemtest.Host.run;
import static dk.sdu.im.systemtest.Installation.ALICE;
import static dk.sdu.im.systemtest.Installation.BOB;
import static dk.sdu.im.systemtest.Installation.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.sdu.im.testkit.browser.BrowserReach;
import dk.sdu.im.testkit.browser.ChunkedUpload;
import dk.sdu.im.testkit.browser.DownloadResult;
import dk.sdu.im.testkit.browser.DownloadSink;
import dk.sdu.im.testkit.browser.Ending;
import dk.sdu.im.testkit.browser.FrontendDownload;
import dk.sdu.im.testkit.browser.FrontendUpload;
import dk.sdu.im.testkit.browser.FrontendUploadResult;
import dk.sdu.im.testkit.browser.SearchResult;
import dk.sdu.im.testkit.browser.StreamingSearch;
import dk.sdu.im.testkit.browser.UploadOptions;
import dk.sdu.im.testkit.browser.UploadResult;
import dk.sdu.im.testkit.browser.UploadSource;
import dk.sdu.im.testkit.browser.WebSocketV2Upload;
import dk.sdu.im.testkit.client.Caller;
import dk.sdu.im.testkit.client.ProviderClient;
import dk.sdu.im.testkit.client.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Uploads, downloads and streamingSearch end to end (contract 3.4.4-3.4.6 and 6), with real accounts, real sudo
 * and real processes: every call goes through the public listener (the embedded gateway, or HAProxy in front of it:
 * {@link Installation#MODE}) to an IM/User instance running as its user,
 * and what lands on disk is checked with stat, not through the provider.
 *
 * <p>Everything this class makes in the test accounts' homes is named {@code tx-...} (plus the link
 * {@code to-bob-private} and what a RENAME makes beside it) and removed before and after, since the accounts
 * outlive a run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransfersSystemTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ALICE_UCLOUD = "alice#1234";
    private static final String BOB_UCLOUD = "bob#5678";
    private static final Path ALICE_HOME = Path.of("/home", ALICE);
    private static final Path BOB_HOME = Path.of("/home", BOB);
    private static final Path BOB_PRIVATE = BOB_HOME.resolve("tx-private");
    /** A directory outside every drive that alice may write: confinement, not Unix permissions, must keep her out. */
    private static final Path OUTSIDE = Path.of("/tmp/tx-ucloud-im-systest-outside");
    /** The hidden name a file has while it is uploaded: {@code .<name>.upload-<16 hex digits>}. */
    private static final Pattern PARTIAL = Pattern.compile("\\..*\\.upload-[0-9a-f]{16}");
    private static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(20);

    private final ObjectMapper json = new ObjectMapper();
    private Installation site;
    private ProviderClient client;
    private Path sources;
    private int aliceUid;
    private String issuedDownload;
    private Instant downloadIssuedAt;
    private long aliceInstance;

    @BeforeAll
    void install() throws Exception {
        assumeTrue(Host.root(), "needs root: creates accounts, installs a sudo rule and runs processes as other users");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "needs sudo (./test installs it when run as root)");
        // Idle timeout well above this class's run time: the expiry check needs the instance that issued the link.
        site = Installation.install(Path.of(System.getProperty("im.dist")), 120, List.of());
        client = new ProviderClient(site.gateway(), PROVIDER, site.provider.tokens(), Duration.ofSeconds(20));
        removeLeftovers();
        sources = Files.createTempDirectory("tx-sources");
        aliceUid = Host.uid(ALICE);
    }

    @AfterAll
    void uninstall() throws Exception {
        if (site == null) {
            return;
        }
        try {
            site.stopServer();
            assertThat(eventually(() -> Host.instancesOf(ALICE).isEmpty() && Host.instancesOf(BOB).isEmpty()))
                    .as("no instance outlives IM/Server").isTrue();
        } finally {
            site.close();
            client.close();
            removeLeftovers();
            if (sources != null) {
                must("rm", "-rf", sources.toString());
            }
        }
    }

    // ---- 4. download and upload links belong to one user and one instance ---------------------------------

    @Test
    @Order(1)
    void aDownloadLinkServesAliceAndIsRefusedByBobsInstance() throws Exception {
        Path file = aliceFile("tx-download.bin", randomBytes(70_000, 1));
        Reply created = alice().post("files/download", items(item("/7/tx-download.bin", aliceDrive())));
        // After the reply, not before the call: the call may start alice's instance first, which takes seconds on a
        // busy machine, and the link's lifetime counts from when the instance issued it.
        downloadIssuedAt = Instant.now();
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        issuedDownload = created.json().at("/responses/0/endpoint").asText();
        assertThat(issuedDownload).startsWith(site.gateway() + "/ucloud/" + PROVIDER + "/download?token=")
                .as("the frontend adds the hint").doesNotContain("usernameHint");
        aliceInstance = Host.instancesOf(ALICE).getFirst();

        try (var asAlice = aliceFrontendDownload(); var asBob = new FrontendDownload(BOB_UCLOUD, BrowserReach.asIs(), TRANSFER_TIMEOUT)) {
            DownloadResult whole = asAlice.open(issuedDownload, new DownloadSink.ToDigest("SHA-256"));
            assertThat(whole.status()).as(whole.errorBody()).isEqualTo(200);
            assertThat(whole.digestHex()).isEqualTo(sha256(file));

            List<Long> bobBefore = Host.instancesOf(BOB);
            DownloadResult linkOnly = asBob.open(issuedDownload, new DownloadSink.Discard());
            assertThat(linkOnly.status()).as("refused, by bob's instance or, without one, by the gateway").isEqualTo(404);
            assertThat(Host.instancesOf(BOB)).as("a link starts no instance").isEqualTo(bobBefore);
            Reply bobsCall = client.asUser(BOB_UCLOUD).post("files/browse", """
                    {"resolvedCollection":%s,"Browse":{"flags":{"path":"/7"},"itemsPerPage":50}}""".formatted(drive(BOB_UCLOUD, BOB)));
            assertThat(bobsCall.status()).as(bobsCall.body()).isEqualTo(200);
            DownloadResult atBob = asBob.open(issuedDownload, new DownloadSink.Discard());
            assertThat(atBob.status()).as("bob's instance never issued the token").isEqualTo(404);
            assertThat(Host.instancesOf(BOB)).as("the request did reach an instance running as bob").hasSize(1);

            String forged = issuedDownload.replaceFirst("token=([^&])", "token=" + flip(tokenOf(issuedDownload).charAt(0)));
            assertThat(asAlice.open(forged, new DownloadSink.Discard()).status()).as("a forged token").isEqualTo(404);
        }
    }

    @Test
    @Order(1)
    void anUploadLinkOfAliceIsRefusedByBobsInstance() throws Exception {
        Reply created = createUpload(aliceDrive(), "/7/tx-never.bin", "FILE", "WEBSOCKET_V2", "REJECT");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String endpoint = created.json().at("/responses/0/endpoint").asText();
        Path source = source("tx-never.bin", randomBytes(1000, 2));

        UploadResult atBob = WebSocketV2Upload.run(withHint(endpoint, BOB_UCLOUD), List.of(UploadSource.of(source, "")), options());
        assertThat(atBob.ending()).isEqualTo(new Ending.Refused(404));
        try (var chunked = new ChunkedUpload(TRANSFER_TIMEOUT)) {
            Reply post = chunked.post(new ChunkedUpload.Chunk(withHint(endpoint, BOB_UCLOUD), tokenOf(endpoint), 0, 1000,
                    BOB_UCLOUD, Files.readAllBytes(source)));
            assertThat(post.status()).as(post.body()).isEqualTo(404);
        }
        assertThat(ALICE_HOME.resolve("tx-never.bin")).doesNotExist();
        assertThat(BOB_HOME.resolve("tx-never.bin")).doesNotExist();
        assertThat(partialsUnder(ALICE_HOME)).isEmpty();
    }

    // ---- 1. WEBSOCKET_V2 -------------------------------------------------------------------------------

    @Test
    @Order(2)
    void aWebSocketFileUploadLandsInAlicesHomeOwnedByHer() throws Exception {
        Path source = source("tx-ws-file.bin", randomBytes(3 * 1024 * 1024 + 12_345, 3));
        Reply created = createUpload(aliceDrive(), "/7/tx-ws-file.bin", "FILE", "WEBSOCKET_V2", "REJECT");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().at("/responses/0/protocol").asText()).isEqualTo("WEBSOCKET_V2");
        String endpoint = created.json().at("/responses/0/endpoint").asText();
        assertThat(endpoint).startsWith(site.gateway() + "/ucloud/" + PROVIDER + "/upload?");
        assertThat(tokenOf(endpoint)).isEqualTo(created.json().at("/responses/0/token").asText());

        UploadResult result = WebSocketV2Upload.run(endpoint, List.of(UploadSource.of(source, "")),
                options().withChunkSize(512 * 1024));
        assertThat(result.ending()).as(result.toString()).isEqualTo(new Ending.Completed());
        assertThat(result.ok()).containsExactly(0);
        assertThat(result.completed()).isEqualTo(1);
        assertThat(result.bytesSent()).isEqualTo(Files.size(source));

        Path landed = ALICE_HOME.resolve("tx-ws-file.bin");
        assertThat(Files.mismatch(landed, source)).as("the same bytes").isEqualTo(-1L);
        assertThat(uid(landed)).as("written by alice's own process").isEqualTo(aliceUid);
        assertThat(Files.getLastModifiedTime(landed).toMillis()).as("mtime from the LISTING")
                .isEqualTo(Files.getLastModifiedTime(source).toMillis());
        assertThat(partialsUnder(ALICE_HOME)).isEmpty();
    }

    @Test
    @Order(2)
    void aWebSocketFolderUploadWithNestedPathsAndAnEmptyFileLandsOwnedByAlice() throws Exception {
        Map<String, byte[]> tree = new TreeMap<>(Map.of(
                "top.txt", "top\n".getBytes(StandardCharsets.UTF_8),
                "sub/data.bin", randomBytes(700_000, 4),
                "sub/deeper/still/leaf.txt", "leaf\n".getBytes(StandardCharsets.UTF_8),
                "sub/empty.txt", new byte[0]));
        List<UploadSource> files = new ArrayList<>();
        for (var entry : tree.entrySet()) {
            files.add(UploadSource.of(source("folder-" + entry.getKey().replace('/', '_'), entry.getValue()), entry.getKey()));
        }
        Reply created = createUpload(aliceDrive(), "/7/tx-ws-folder", "FOLDER", "WEBSOCKET_V2", "REJECT");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().at("/responses/0/protocol").asText()).isEqualTo("WEBSOCKET_V2");

        UploadResult result = WebSocketV2Upload.run(created.json().at("/responses/0/endpoint").asText(), files,
                options().withChunkSize(256 * 1024));
        assertThat(result.ending()).as(result.toString()).isEqualTo(new Ending.Completed());
        assertThat(result.completed()).isEqualTo(tree.size());

        Path folder = ALICE_HOME.resolve("tx-ws-folder");
        for (var entry : tree.entrySet()) {
            assertThat(Files.readAllBytes(folder.resolve(entry.getKey()))).as(entry.getKey()).isEqualTo(entry.getValue());
        }
        List<Path> everything;
        try (Stream<Path> walk = Files.walk(folder)) {
            everything = walk.toList();
        }
        assertThat(everything).as("the folder, 3 folders inside and 4 files").hasSize(1 + 3 + 4);
        for (Path made : everything) {
            assertThat(uid(made)).as("owner of " + made).isEqualTo(aliceUid);
        }
        assertThat(partialsUnder(ALICE_HOME)).isEmpty();
    }

    @Test
    @Order(2)
    void theFrontendUploadsAnEmptyAndALargeFileCompleteAndDownloadsTheLargeOneBackWithRange() throws Exception {
        Path empty = source("tx-fe-empty.txt", new byte[0]);
        byte[] data = randomBytes(2 * FrontendUpload.MAX_CHUNK_BYTES + 4321, 6);
        Path large = source("tx-fe-large.bin", data);
        try (var frontend = new FrontendUpload(alice(), json.readTree(aliceDrive()), ALICE_UCLOUD, BrowserReach.asIs(),
                TRANSFER_TIMEOUT)) {
            for (Path file : List.of(empty, large)) {
                FrontendUploadResult result = frontend.upload(FrontendUpload.Selection.file(file, "/7"));
                assertThat(result).as(file.toString()).isInstanceOfSatisfying(FrontendUploadResult.Streamed.class,
                        streamed -> assertThat(streamed.socket().ending()).isEqualTo(new Ending.Completed()));
                Path landed = ALICE_HOME.resolve(file.getFileName());
                assertThat(Files.mismatch(landed, file)).as("the same bytes in " + landed).isEqualTo(-1L);
                assertThat(uid(landed)).isEqualTo(aliceUid);
            }
        }
        assertThat(partialsUnder(ALICE_HOME)).isEmpty();

        Reply created = alice().post("files/download", items(item("/7/tx-fe-large.bin", aliceDrive())));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        try (var download = aliceFrontendDownload()) {
            DownloadResult part = download.open(created.json().at("/responses/0/endpoint").asText(), "bytes=16000000-16000999",
                    new DownloadSink.ToDigest("SHA-256"));
            assertThat(part.status()).as(part.errorBody()).isEqualTo(206);
            assertThat(part.digestHex()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(slice(data, 16_000_000, 1000))));
        }
    }

    // ---- 2. CHUNKED, interrupted and resumed --------------------------------------------------------------

    @Test
    @Order(3)
    void anInterruptedChunkedUploadResumesFromTheOffsetTheServerHolds() throws Exception {
        int chunk = 512 * 1024;
        byte[] data = randomBytes(3 * chunk + 4321, 5);
        Path source = source("tx-chunked.bin", data);
        Reply created = createUpload(aliceDrive(), "/7/tx-chunked.bin", "FILE", "CHUNKED", "REJECT");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().at("/responses/0/protocol").asText()).isEqualTo("CHUNKED");
        String endpoint = created.json().at("/responses/0/endpoint").asText();
        String token = created.json().at("/responses/0/token").asText();
        Path landed = ALICE_HOME.resolve("tx-chunked.bin");

        try (var browser = new ChunkedUpload(TRANSFER_TIMEOUT)) {
            Reply first = browser.post(new ChunkedUpload.Chunk(endpoint, token, 0, data.length, ALICE_UCLOUD, slice(data, 0, chunk)));
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(first.header("Chunked-Upload-Offset")).isEqualTo(Integer.toString(chunk));
        }
        assertThat(landed).as("not under its final name before the last chunk").doesNotExist();
        List<Path> partials = partialsUnder(ALICE_HOME);
        assertThat(partials).hasSize(1);
        assertThat(uid(partials.getFirst())).isEqualTo(aliceUid);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(partials.getFirst(), LinkOption.NOFOLLOW_LINKS)))
                .as("private while incomplete").isEqualTo("rw-------");

        // The connection breaks in the middle of the second chunk's body.
        cutOffPost(endpoint, token, chunk, data.length, slice(data, chunk, chunk), 100_000);

        try (var browser = new ChunkedUpload(TRANSFER_TIMEOUT)) {
            // Where to resume: a request past the end gets 409 with the bytes the server holds.
            Reply where = browser.post(new ChunkedUpload.Chunk(endpoint, token, data.length, data.length, ALICE_UCLOUD, new byte[0]));
            assertThat(where.status()).as(where.body()).isEqualTo(409);
            long offset = Long.parseLong(where.header("Chunked-Upload-Offset"));
            assertThat(offset).as("what arrived stays: at least the first chunk").isBetween((long) chunk, chunk + 100_000L);
            while (offset < data.length) {
                int length = (int) Math.min(chunk, data.length - offset);
                assertThat(landed).as("not under its final name before the last chunk").doesNotExist();
                Reply reply = browser.post(new ChunkedUpload.Chunk(endpoint, token, offset, data.length, ALICE_UCLOUD,
                        slice(data, (int) offset, length)));
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                offset += length;
                assertThat(reply.header("Chunked-Upload-Offset")).isEqualTo(Long.toString(offset));
            }
        }
        assertThat(Files.readAllBytes(landed)).isEqualTo(data);
        assertThat(uid(landed)).isEqualTo(aliceUid);
        assertThat(partialsUnder(ALICE_HOME)).isEmpty();
    }

    /**
     * A CHUNKED upload whose request body, sent with {@code Transfer-Encoding: chunked} through the gateway, turns
     * malformed after its first piece: the client gets the edge's 400 (the embedded gateway's in UCloud's JSON, or
     * HAProxy's own), not a dropped connection, the file
     * never appears under its name, and the upload resumes from the offset the instance holds to the exact bytes.
     */
    @Test
    @Order(3)
    void aMalformedChunkedBodyGetsA400AndLeavesNoFileButTheUploadResumes() throws Exception {
        byte[] data = "hello, world".getBytes(StandardCharsets.US_ASCII);
        Reply created = createUpload(aliceDrive(), "/7/tx-malformed.txt", "FILE", "CHUNKED", "REJECT");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String endpoint = created.json().at("/responses/0/endpoint").asText();
        String token = created.json().at("/responses/0/token").asText();
        Path landed = ALICE_HOME.resolve("tx-malformed.txt");
        URI uri = URI.create(endpoint);
        String reply;
        try (var socket = Installation.connect(uri)) {
            socket.setSoTimeout(30_000);
            String head = "POST " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Transfer-Encoding: chunked\r\n"
                    + "Chunked-Upload-Token: " + token + "\r\n"
                    + "Chunked-Upload-Offset: 0\r\n"
                    + "Chunked-Upload-Total-Size: " + data.length + "\r\n"
                    + "UCloud-Username: " + Base64.getEncoder().encodeToString(ALICE_UCLOUD.getBytes(StandardCharsets.UTF_8))
                    + "\r\n\r\n5\r\nhello\r\nzz\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        assertThat(reply).startsWith("HTTP/1.1 400 ");
        if (Installation.MODE == Installation.GatewayMode.EMBEDDED) {
            // HAProxy 2.6 answers a body it cannot parse with its built-in page, whatever its configuration says.
            assertThat(reply).contains("\"statusCode\":400");
        }
        assertThat(landed).doesNotExist();
        try (var browser = new ChunkedUpload(TRANSFER_TIMEOUT)) {
            Reply where = browser.post(new ChunkedUpload.Chunk(endpoint, token, data.length, data.length, ALICE_UCLOUD, new byte[0]));
            assertThat(where.status()).as(where.body()).isEqualTo(409);
            int offset = Integer.parseInt(where.header("Chunked-Upload-Offset"));
            assertThat(offset).as("at most the valid piece was kept").isBetween(0, 5);
            Reply rest = browser.post(new ChunkedUpload.Chunk(endpoint, token, offset, data.length, ALICE_UCLOUD,
                    slice(data, offset, data.length - offset)));
            assertThat(rest.status()).as(rest.body()).isEqualTo(200);
        }
        assertThat(Files.readAllBytes(landed)).isEqualTo(data);
        assertThat(uid(landed)).isEqualTo(aliceUid);
    }

    // ---- 3. bob's 0700 folder, behind a symlink in alice's home -----------------------------------------

    @Test
    @Order(4)
    void aliceCannotReachBobsPrivateFolderThroughAnyCall() throws Exception {
        must("install", "-d", "-o", BOB, "-g", BOB, "-m", "0700", BOB_PRIVATE.toString());
        Path secret = BOB_PRIVATE.resolve("tx-bobsecret.txt");
        Files.writeString(secret, "bob's secret\n");
        must("chown", BOB + ":" + BOB, secret.toString());
        must("chmod", "0600", secret.toString());
        Path link = ALICE_HOME.resolve("to-bob-private");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, BOB_PRIVATE);
        must("chown", "-h", ALICE + ":" + ALICE, link.toString());
        aliceFile("tx-decoy-bobsecret.txt", "alice's own\n".getBytes(StandardCharsets.UTF_8));
        Map<String, String> before = snapshot(BOB_PRIVATE);

        Reply browse = alice().post("files/browse", (ObjectNode) json.readTree("""
                {"resolvedCollection":%s,"Browse":{"flags":{"path":"/7/to-bob-private"},"itemsPerPage":50}}
                """.formatted(aliceDrive())));
        assertRefused("browse", browse);
        Reply retrieve = alice().post("files/retrieve", (ObjectNode) json.readTree("""
                {"resolvedCollection":%s,"retrieve":{"flags":{},"id":"/7/to-bob-private/tx-bobsecret.txt"}}
                """.formatted(aliceDrive())));
        assertRefused("retrieve", retrieve);
        assertRefused("download", alice().post("files/download", items(item("/7/to-bob-private/tx-bobsecret.txt", aliceDrive()))));
        Reply copy = alice().post("files/copy", "{\"items\":[{\"oldId\":\"/7/to-bob-private/tx-bobsecret.txt\","
                + "\"newId\":\"/7/tx-stolen.txt\",\"conflictPolicy\":\"RENAME\",\"resolvedOldCollection\":" + aliceDrive()
                + ",\"resolvedNewCollection\":" + aliceDrive() + "}]}");
        assertRefused("copy", copy);
        assertThat(ALICE_HOME.resolve("tx-stolen.txt")).doesNotExist();

        SearchResult search = search("bobsecret", "/7");
        assertThat(search.ending()).as(search.frames().toString()).isInstanceOf(Ending.ServerClosed.class);
        assertThat(ids(search)).as("the search ran, found alice's file and did not enter the link")
                .containsExactly("/7/tx-decoy-bobsecret.txt");

        Reply fileUpload = createUpload(aliceDrive(), "/7/to-bob-private/x.txt", "FILE", "WEBSOCKET_V2", "REPLACE");
        assertRefused("FILE upload into the link", fileUpload);
        Reply folderUpload = createUpload(aliceDrive(), "/7/to-bob-private", "FOLDER", "WEBSOCKET_V2", "MERGE_RENAME");
        if (folderUpload.isSuccess()) {
            // A link is not a folder to merge into: acceptable only as a new folder of alice's beside it (RENAME).
            UploadResult result = WebSocketV2Upload.run(folderUpload.json().at("/responses/0/endpoint").asText(),
                    List.of(UploadSource.of(source("tx-into-link.txt", "x".getBytes(StandardCharsets.UTF_8)), "x.txt")), options());
            assertThat(result.ending()).as(result.toString()).isEqualTo(new Ending.Completed());
            Path renamed = ALICE_HOME.resolve("to-bob-private(1)");
            assertThat(Files.isDirectory(renamed, LinkOption.NOFOLLOW_LINKS)).as("a real folder beside the link").isTrue();
            assertThat(uid(renamed.resolve("x.txt"))).isEqualTo(aliceUid);
            assertThat(Files.isSymbolicLink(link)).as("the link itself is untouched").isTrue();
        } else {
            assertRefused("FOLDER upload merging into the link", folderUpload);
        }

        Reply bobsDrive = alice().post("files/browse", (ObjectNode) json.readTree("""
                {"resolvedCollection":%s,"Browse":{"flags":{"path":"/7"},"itemsPerPage":50}}""".formatted(drive(BOB_UCLOUD, BOB))));
        assertThat(bobsDrive.status()).as("alice's token with bob's drive").isEqualTo(403);
        Reply bobsDriveUpload = createUpload(drive(BOB_UCLOUD, BOB), "/7/tx-from-alice.txt", "FILE", "WEBSOCKET_V2", "REJECT");
        assertThat(bobsDriveUpload.status()).as(bobsDriveUpload.body()).isEqualTo(403);
        Reply bobsDriveDownload = alice().post("files/download", items(item("/7/tx-private/tx-bobsecret.txt", drive(BOB_UCLOUD, BOB))));
        assertThat(bobsDriveDownload.status()).as(bobsDriveDownload.body()).isEqualTo(403);

        assertThat(snapshot(BOB_PRIVATE)).as("nothing in bob's folder changed").isEqualTo(before);
        assertThat(BOB_HOME.resolve("tx-from-alice.txt")).doesNotExist();
    }

    // ---- 5. path traversal --------------------------------------------------------------------------------

    @Test
    @Order(5)
    void uploadAndDownloadPathsWithDotDotAreRefusedAndWriteNothing() throws Exception {
        for (String id : List.of("/7/../tx-escape.txt", "/7/tx-sub/../../tx-escape.txt", "/7/..",
                "/7/../../tmp/tx-ucloud-im-systest-outside/tx-escape.txt", "/7/./tx-escape.txt")) {
            assertRefused("FILE " + id, createUpload(aliceDrive(), id, "FILE", "WEBSOCKET_V2", "REPLACE"));
            assertRefused("CHUNKED " + id, createUpload(aliceDrive(), id, "FILE", "CHUNKED", "REPLACE"));
        }
        assertRefused("FOLDER /7/../tx-escape-folder",
                createUpload(aliceDrive(), "/7/../tx-escape-folder", "FOLDER", "WEBSOCKET_V2", "REJECT"));
        Reply passwd = alice().post("files/download", items(item("/7/../../etc/passwd", aliceDrive())));
        assertRefused("download /7/../../etc/passwd", passwd);
        assertThat(passwd.body()).doesNotContain("root:");

        Reply folder = createUpload(aliceDrive(), "/7/tx-traversal", "FOLDER", "WEBSOCKET_V2", "REJECT");
        assertThat(folder.status()).as(folder.body()).isEqualTo(200);
        String endpoint = folder.json().at("/responses/0/endpoint").asText();
        Path escaping = source("tx-escape.txt", "escaped\n".getBytes(StandardCharsets.UTF_8));
        for (String relPath : List.of("../tx-escape.txt", "tx-sub/../../tx-escape.txt", "/tmp/tx-escape.txt")) {
            UploadResult result = WebSocketV2Upload.run(endpoint, List.of(UploadSource.of(escaping, relPath)), options());
            assertThat(result.ending()).as(relPath + ": " + result).isInstanceOf(Ending.ServerClosed.class);
            assertThat(result.serverClose().orElseThrow().code()).as(relPath + " closes with 4xxx").isBetween(4400, 4499);
            assertThat(result.ok()).as(relPath + " got no OK").isEmpty();
        }

        assertThat(ALICE_HOME.resolve("tx-traversal")).isEmptyDirectory();
        for (Path escaped : List.of(Path.of("/home/tx-escape.txt"), Path.of("/home/tx-escape-folder"), Path.of("/tx-escape.txt"),
                Path.of("/tmp/tx-escape.txt"), ALICE_HOME.resolve("tx-escape.txt"), Path.of("/home/tx-sub"))) {
            assertThat(Files.exists(escaped, LinkOption.NOFOLLOW_LINKS)).as(escaped + " was written").isFalse();
        }
    }

    @Test
    @Order(5)
    void aFolderSwappedForALinkAfterTheUploadWasCreatedIsNotFollowed() throws Exception {
        must("install", "-d", "-o", ALICE, "-g", ALICE, "-m", "0700", OUTSIDE.toString());
        Path swapped = ALICE_HOME.resolve("tx-swap");
        must("install", "-d", "-o", ALICE, "-g", ALICE, "-m", "0755", swapped.toString());
        Reply file = createUpload(aliceDrive(), "/7/tx-swap/file.txt", "FILE", "WEBSOCKET_V2", "REJECT");
        assertThat(file.status()).as(file.body()).isEqualTo(200);
        Reply folder = createUpload(aliceDrive(), "/7/tx-swap-folder", "FOLDER", "WEBSOCKET_V2", "REJECT");
        assertThat(folder.status()).as(folder.body()).isEqualTo(200);

        // Alice (or anything she runs) swaps the folders for links to a place she may write outside her drive.
        must("rmdir", swapped.toString());
        linkAsAlice(swapped, OUTSIDE);
        linkAsAlice(ALICE_HOME.resolve("tx-swap-folder/sub"), OUTSIDE);

        Path payload = source("tx-swap.txt", "through the link\n".getBytes(StandardCharsets.UTF_8));
        UploadResult intoFile = WebSocketV2Upload.run(file.json().at("/responses/0/endpoint").asText(),
                List.of(UploadSource.of(payload, "")), options());
        UploadResult intoFolder = WebSocketV2Upload.run(folder.json().at("/responses/0/endpoint").asText(),
                List.of(UploadSource.of(payload, "sub/file.txt")), options());
        for (UploadResult result : List.of(intoFile, intoFolder)) {
            assertThat(result.ending()).as(result.toString()).isInstanceOf(Ending.ServerClosed.class);
            assertThat(result.ok()).as("no OK, so no data").isEmpty();
        }
        assertThat(intoFile.serverClose().orElseThrow().code()).as("409: the folder was replaced").isEqualTo(4409);
        assertThat(intoFolder.serverClose().orElseThrow().code()).as("403: links are never followed").isEqualTo(4403);
        try (Stream<Path> outside = Files.list(OUTSIDE)) {
            assertThat(outside.toList()).as("nothing written through the links").isEmpty();
        }
    }

    // ---- 6. streamingSearch -------------------------------------------------------------------------------

    @Test
    @Order(6)
    void streamingSearchFindsAlicesNestedFileAndOnlyAlicesPaths() throws Exception {
        Reply folder = createUpload(aliceDrive(), "/7/tx-search", "FOLDER", "WEBSOCKET_V2", "REJECT");
        assertThat(folder.status()).as(folder.body()).isEqualTo(200);
        UploadResult upload = WebSocketV2Upload.run(folder.json().at("/responses/0/endpoint").asText(), List.of(
                UploadSource.of(source("tx-needle-a", "a".getBytes(StandardCharsets.UTF_8)), "deep/er/tx-needle-of-alice.txt")),
                options());
        assertThat(upload.ending()).as(upload.toString()).isEqualTo(new Ending.Completed());
        Path bobsNeedle = BOB_HOME.resolve("tx-needle-of-bob.txt");
        Files.writeString(bobsNeedle, "bob\n");
        must("chown", BOB + ":" + BOB, bobsNeedle.toString());
        Path linkToBob = ALICE_HOME.resolve("tx-link-to-bob-home");
        Files.deleteIfExists(linkToBob);
        Files.createSymbolicLink(linkToBob, BOB_HOME);
        must("chown", "-h", ALICE + ":" + ALICE, linkToBob.toString());

        for (String id : List.of("/7/tx-link-to-bob-home/tx-needle-of-bob.txt", "/7/tx-link-to-bob-home")) {
            assertRefused("download of " + id, alice().post("files/download", items(item(id, aliceDrive()))));
        }
        assertRefused("retrieve through the link", alice().post("files/retrieve", (ObjectNode) json.readTree("""
                {"resolvedCollection":%s,"retrieve":{"flags":{},"id":"/7/tx-link-to-bob-home/tx-needle-of-bob.txt"}}
                """.formatted(aliceDrive()))));

        SearchResult result = search("needle-of", "/7");
        assertThat(result.ending()).as(result.frames().toString()).isInstanceOf(Ending.ServerClosed.class);
        assertThat(((Ending.ServerClosed) result.ending()).status().code()).isEqualTo(1000);
        assertThat(ids(result)).containsExactly("/7/tx-search/deep/er/tx-needle-of-alice.txt");

        SearchResult everything = search("tx-", "/7");
        assertThat(ids(everything)).as("a broad search reaches alice's tree")
                .contains("/7/tx-search/deep/er/tx-needle-of-alice.txt", "/7/tx-link-to-bob-home");
        for (String id : ids(everything)) {
            assertThat(id).startsWith("/7/").doesNotContain("needle-of-bob");
            Path local = ALICE_HOME.resolve(id.substring("/7/".length()));
            assertThat(Files.exists(local, LinkOption.NOFOLLOW_LINKS)).as(id + " is in alice's home").isTrue();
            assertThat(uid(local)).as(id + " is alice's").isEqualTo(aliceUid);
        }
    }

    // ---- 4, the end: expiry, measured from the link's issue so the wait overlaps the other tests -----------

    @Test
    @Order(100)
    void theDownloadLinkExpiresAtTheInstanceThatIssuedIt() throws Exception {
        assumeTrue(issuedDownload != null, "the link was not issued (an earlier test failed)");
        Instant expired = downloadIssuedAt.plusSeconds(Installation.DOWNLOAD_LINK_SECONDS + 2);
        Duration left = Duration.between(Instant.now(), expired);
        if (!left.isNegative()) {
            Thread.sleep(left.toMillis() + 1);
        }
        try (var download = aliceFrontendDownload()) {
            DownloadResult late = download.open(issuedDownload, new DownloadSink.Discard());
            assertThat(late.status()).as(late.errorBody()).isEqualTo(404);
        }
        assertThat(Host.instancesOf(ALICE)).as("refused by the instance that issued it, not a fresh one").containsExactly(aliceInstance);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private Caller alice() {
        return client.asUser(ALICE_UCLOUD);
    }

    /** Alice's frontend opening download endpoints through the gateway, its own usernameHint appended. */
    private static FrontendDownload aliceFrontendDownload() {
        return new FrontendDownload(ALICE_UCLOUD, BrowserReach.asIs(), TRANSFER_TIMEOUT);
    }

    private static String drive(String ucloudUser, String localUser) {
        return "{\"id\":\"7\",\"providerGeneratedId\":\"home " + ucloudUser + "\\n/home/" + localUser + "\"}";
    }

    private static String aliceDrive() {
        return drive(ALICE_UCLOUD, ALICE);
    }

    private ObjectNode item(String id, String drive) throws IOException {
        ObjectNode item = json.createObjectNode();
        item.put("id", id);
        item.set("resolvedCollection", json.readTree(drive));
        return item;
    }

    private ObjectNode items(ObjectNode... items) {
        ObjectNode request = json.createObjectNode();
        request.putArray("items").addAll(List.of(items));
        return request;
    }

    private Reply createUpload(String drive, String id, String type, String protocol, String policy) throws IOException {
        ObjectNode item = item(id, drive);
        item.put("type", type);
        item.putArray("supportedProtocols").add(protocol);
        item.put("conflictPolicy", policy);
        return alice().post("files/upload", items(item));
    }

    private SearchResult search(String query, String folder) {
        ObjectNode payload = json.createObjectNode();
        payload.put("query", query);
        payload.putObject("owner").put("createdBy", ALICE_UCLOUD).putNull("project");
        payload.putObject("flags");
        payload.putObject("category").put("name", "home").put("provider", PROVIDER);
        payload.put("currentFolder", folder);
        return new StreamingSearch(site.gateway(), PROVIDER, site.provider.tokens(), TRANSFER_TIMEOUT).run(ALICE_UCLOUD, payload);
    }

    private static List<String> ids(SearchResult result) {
        return result.items().stream().map(item -> item.path("id").asText()).toList();
    }

    private static UploadOptions options() {
        return UploadOptions.defaults().withTimeout(TRANSFER_TIMEOUT);
    }

    private static void assertRefused(String what, Reply reply) {
        assertThat(reply.status()).as(what + ": " + reply.body()).isBetween(400, 499);
        assertThat(reply.body()).as(what).doesNotContain("bob's secret");
    }

    /** A file in alice's home, hers, mode 0600. */
    private static Path aliceFile(String name, byte[] content) throws IOException {
        Path file = ALICE_HOME.resolve(name);
        Files.write(file, content);
        must("chown", ALICE + ":" + ALICE, file.toString());
        must("chmod", "0600", file.toString());
        return file;
    }

    /** A symbolic link made by alice herself (as a process of hers would). */
    private static void linkAsAlice(Path link, Path target) {
        must(Host.as(ALICE, "ln", "-s", target.toString(), link.toString()));
    }

    private Path source(String name, byte[] content) throws IOException {
        return Files.write(sources.resolve(name), content);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] slice(byte[] data, int from, int length) {
        byte[] part = new byte[length];
        System.arraycopy(data, from, part, 0, length);
        return part;
    }

    private static int uid(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String tokenOf(String endpoint) {
        var matcher = Pattern.compile("[?&]token=([^&]+)").matcher(endpoint);
        assertThat(matcher.find()).as("a token in " + endpoint).isTrue();
        return matcher.group(1);
    }

    private static char flip(char c) {
        return c == 'a' ? 'b' : 'a';
    }

    /** The upload URL with its {@code usernameHint} naming another user. */
    private static String withHint(String endpoint, String ucloudUser) {
        String hint = Base64.getUrlEncoder().encodeToString(ucloudUser.getBytes(StandardCharsets.UTF_8));
        assertThat(endpoint).contains("usernameHint=");
        return endpoint.replaceAll("usernameHint=[^&]*", "usernameHint=" + hint);
    }

    /**
     * A CHUNKED POST through the gateway whose connection breaks after {@code sent} of the announced body bytes;
     * returns once the instance has seen the break (the partial file stops growing or holds every sent byte).
     */
    private void cutOffPost(String endpoint, String token, long offset, long total, byte[] chunk, int sent) throws Exception {
        URI uri = URI.create(endpoint);
        try (var socket = Installation.connect(uri)) {
            OutputStream out = socket.getOutputStream();
            String head = "POST " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Content-Length: " + chunk.length + "\r\n"
                    + "Chunked-Upload-Token: " + token + "\r\n"
                    + "Chunked-Upload-Offset: " + offset + "\r\n"
                    + "Chunked-Upload-Total-Size: " + total + "\r\n"
                    + "UCloud-Username: " + Base64.getEncoder().encodeToString(ALICE_UCLOUD.getBytes(StandardCharsets.UTF_8)) + "\r\n"
                    + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(chunk, 0, sent);
            out.flush();
            eventually(() -> partialSize() >= offset + sent, Duration.ofSeconds(5));
        }
    }

    private static long partialSize() {
        try {
            List<Path> partials = partialsUnder(ALICE_HOME);
            return partials.size() == 1 ? Files.size(partials.getFirst()) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Hidden partial upload files anywhere under {@code dir} (links not followed). */
    private static List<Path> partialsUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> PARTIAL.matcher(p.getFileName().toString()).matches()).toList();
        }
    }

    /** Name, type, size, mode, owner and mtime of everything under {@code dir}, for "nothing changed". */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                var attributes = Files.readAttributes(p, java.nio.file.attribute.PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                state.put(dir.relativize(p).toString(), (attributes.isDirectory() ? "d " : "f ") + attributes.size() + " "
                        + PosixFilePermissions.toString(attributes.permissions()) + " " + attributes.owner().getName() + " "
                        + attributes.lastModifiedTime().toMillis());
            }
        }
        return state;
    }

    /** Removes what this class makes in the accounts' homes and in /tmp (they outlive a run). */
    private static void removeLeftovers() throws IOException {
        for (Path home : List.of(ALICE_HOME, BOB_HOME)) {
            if (!Files.isDirectory(home)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(home)) {
                for (Path entry : entries.toList()) {
                    String name = entry.getFileName().toString();
                    if (name.startsWith("tx-") || name.startsWith(".tx-") || name.startsWith("to-bob-private")) {
                        run("rm", "-rf", entry.toString());
                    }
                }
            }
        }
        run("rm", "-rf", OUTSIDE.toString(), "/home/tx-escape.txt", "/home/tx-escape-folder", "/tmp/tx-escape.txt");
    }

    private static boolean eventually(BooleanSupplier condition) {
        return eventually(condition, PATIENCE);
    }

    private static boolean eventually(BooleanSupplier condition, Duration patience) {
        return Host.eventually(patience, condition);
    }
}
