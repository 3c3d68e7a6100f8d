package dk.sdu.im.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.Json;
import dk.sdu.im.api.auth.CoreTokenVerifier;
import dk.sdu.im.api.log.RequestLog;
import dk.sdu.im.api.rpc.CallerResolver;
import dk.sdu.im.api.rpc.UserClaimRule;
import dk.sdu.im.testkit.browser.CloseStatus;
import dk.sdu.im.testkit.browser.Ending;
import dk.sdu.im.testkit.browser.SearchResult;
import dk.sdu.im.testkit.browser.StreamingSearch;
import dk.sdu.im.testkit.core.CoreTokens;
import dk.sdu.im.user.files.DriveRoot;
import dk.sdu.im.user.files.FileSearch;
import dk.sdu.im.api.http.HttpListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** streamingSearch over IM/User's WebSocket listener, driven by the testkit as Core drives it. */
class StreamingSearchEndpointTest {
    private static final String ALICE = "alice#1234";
    private final ObjectMapper json = new ObjectMapper();
    @TempDir
    Path temp;
    private HttpListener server;
    private StreamingSearch search;
    private CoreTokens tokens;

    @BeforeEach
    void start() throws Exception {
        Path root = Files.createDirectory(temp.toRealPath().resolve("12"));
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/Quarterly-report.txt"), "x");
        Files.writeString(root.resolve("report.md"), "y");
        Files.writeString(root.resolve("other.txt"), "z");
        for (int i = 0; i < 3000; i++) {
            Files.createFile(Files.createDirectories(root.resolve("many/" + (i % 30))).resolve("match-" + i));
        }
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        KeyPair pair = keys.generateKeyPair();
        tokens = CoreTokens.create(pair, "cloud.sdu.dk", Clock.systemUTC());
        var verifier = new CoreTokenVerifier((RSAPublicKey) pair.getPublic(), "cloud.sdu.dk", Duration.ofSeconds(60),
                Clock.systemUTC());
        DriveRoot drive = DriveRoot.of("12", root);
        var endpoint = new StreamingSearchEndpoint(new CallerResolver(verifier, UserClaimRule.required(), () -> ALICE), Json.boundaryMapper(),
                (id, category) -> {
                    if (!id.equals("12")) {
                        throw ApiException.notFound("no drive " + id);
                    }
                    return drive;
                }, new FileSearch(Clock.systemUTC(), new FileSearch.Limits(100, 100, 10_000, 1_000_000)), () -> { },
                new RequestLog());
        server = HttpListener.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Map.of("/ucloud/slurm/files", endpoint), HttpListener.Settings.defaults());
        search = new StreamingSearch(URI.create("http://127.0.0.1:" + server.address().getPort()), "slurm", tokens,
                Duration.ofSeconds(15)).withUserClaim();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode payload(String query, String folder) throws Exception {
        return json.readTree("""
                {"query":"%s","owner":{"createdBy":"%s","project":null},"flags":{},
                 "category":{"name":"home","provider":"slurm"},"currentFolder":"%s"}""".formatted(query, ALICE, folder));
    }

    @Test
    void streamsTheMatchesAndClosesWhenDone() throws Exception {
        SearchResult result = search.run(ALICE, payload("REPORT", "/12"));

        assertThat(result.items()).extracting(item -> item.get("id").asText())
                .containsExactlyInAnyOrder("/12/a/b/Quarterly-report.txt", "/12/report.md");
        assertThat(result.ending()).isEqualTo(new Ending.ServerClosed(new CloseStatus(1000, "")));
    }

    @Test
    void sendsLargeResultsInSeveralBatches() throws Exception {
        SearchResult result = search.run(ALICE, payload("match-", "/12/many"));

        assertThat(result.items()).hasSize(3000);
        assertThat(result.batches()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void refusesAnotherUsersTokenAndAMissingOne() throws Exception {
        assertThat(search.run("bob#5678", payload("report", "/12")).ending()).isEqualTo(new Ending.Refused(403));
        assertThatThrownBy(() -> search.startRaw(null, null, "{}")).hasStackTraceContaining("401");
    }

    @Test
    void answersABadRequestWithAResponseFrameAndCloses() throws Exception {
        var session = search.startRaw(tokens.tokenWithUserClaim(ALICE), null,
                "{\"call\":\"files.provider.slurm.browse\",\"streamId\":\"s1\",\"payload\":{}}");
        SearchResult result = session.awaitEnd();

        assertThat(result.frames()).singleElement().satisfies(frame -> {
            JsonNode reply = json.readTree(frame);
            assertThat(reply.get("type").asText()).isEqualTo("response");
            assertThat(reply.get("streamId").asText()).isEqualTo("s1");
            assertThat(reply.get("status").asInt()).isEqualTo(400);
        });
        assertThat(search.run(ALICE, payload("x", "/13")).frames()).singleElement()
                .satisfies(frame -> assertThat(json.readTree(frame).get("status").asInt()).isEqualTo(404));
    }

    @Test
    void aUsernameHintRepeatedForTheSameUserIsAcceptedAndOneNamingAnotherUserIsRefused() throws Exception {
        String url = Base64.getUrlEncoder().encodeToString(ALICE.getBytes(StandardCharsets.UTF_8));
        String standard = Base64.getEncoder().encodeToString(ALICE.getBytes(StandardCharsets.UTF_8));
        String bob = Base64.getEncoder().encodeToString("bob#5678".getBytes(StandardCharsets.UTF_8));
        String frame = "{\"call\":\"files.provider.slurm.streamingSearch\",\"streamId\":\"ignored\",\"payload\":"
                + payload("REPORT", "/12") + ",\"bearer\":\"\",\"project\":null}";

        try (var session = search.startRaw(tokens.tokenWithUserClaim(ALICE), url + "&usernameHint=" + standard, frame)) {
            assertThat(session.awaitEnd().items()).hasSize(2);
        }
        assertThatThrownBy(() -> search.startRaw(tokens.tokenWithUserClaim(ALICE), url + "&usernameHint=" + bob, frame))
                .hasStackTraceContaining("400");
    }

    @Test
    void closingTheSocketCancelsTheSearch() throws Exception {
        var session = search.start(ALICE, payload("match-", "/12/many"));
        session.awaitBatches(1);
        session.cancel();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.openSockets() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.openSockets()).isZero();
    }
}
