package dk.sdu.im.testkit.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dk.sdu.im.testkit.core.CoreTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StreamingSearchTest {
    /** Core's tokens with a key of their own; immutable. */
    private static final CoreTokens TOKENS = CoreTokens.withNewKey("cloud.sdu.dk", Clock.systemUTC(), new SecureRandom());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Its base64 has a '+' that base64url turns into '-'. */
    private static final String USER = "~~~?#1";

    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final RawWebSocketPeer peer = new RawWebSocketPeer();

    StreamingSearchTest() throws Exception {
    }

    @AfterEach
    void stop() throws Exception {
        pool.shutdownNow();
        peer.close();
    }

    @Test
    void opensTheFilesSocketWithACoreTokenAndABase64UrlHint() throws Exception {
        Future<SearchResult> search = pool.submit(() -> search(Duration.ofSeconds(5)).run(USER, payload()));

        try (var server = peer.accept()) {
            String line = server.head().requestLine();
            assertThat(line).startsWith("GET /ucloud/slurm/files?usernameHint=").endsWith(" HTTP/1.1");
            String hint = URLDecoder.decode(line.substring(line.indexOf('=') + 1, line.lastIndexOf(' ')), StandardCharsets.UTF_8);
            assertThat(hint).doesNotContain("+", "/");
            assertThat(new String(Base64.getUrlDecoder().decode(hint), StandardCharsets.UTF_8)).isEqualTo(USER);
            String authorization = server.head().header("authorization");
            assertThat(authorization).startsWith("Bearer ");
            SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
            assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) TOKENS.keyPair().getPublic()))).isTrue();
            assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("_UCloud");
            assertThat(jwt.getJWTClaimsSet().getClaims()).as("today's Core names no user in the token").doesNotContainKey("ucloudUser");
            server.readMessage();
            server.sendClose(1000, "");
        }
        search.get(10, TimeUnit.SECONDS);
    }

    @Test
    void withUserClaimTheUpgradesTokenNamesTheUser() throws Exception {
        Future<SearchResult> search = pool.submit(() -> search(Duration.ofSeconds(5)).withUserClaim().run(USER, payload()));

        try (var server = peer.accept()) {
            String authorization = server.head().header("authorization");
            SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
            assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) TOKENS.keyPair().getPublic()))).isTrue();
            assertThat(jwt.getJWTClaimsSet().getStringClaim("ucloudUser")).isEqualTo(USER);
            server.readMessage();
            server.sendClose(1000, "");
        }
        search.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theFirstFrameIsCoresCallWithTheGivenPayload() throws Exception {
        Future<SearchResult> search = pool.submit(() -> search(Duration.ofSeconds(5)).run(USER, payload()));

        try (var server = peer.accept()) {
            RawWebSocketPeer.Frame first = server.readMessage();
            assertThat(first.opcode()).as("text").isEqualTo(1);
            JsonNode request = JSON.readTree(first.text());
            assertThat(request.get("call").asText()).isEqualTo("files.provider.slurm.streamingSearch");
            assertThat(request.get("streamId").asText()).isEqualTo("ignored");
            assertThat(request.get("payload")).isEqualTo(payload());
            assertThat(request.get("bearer").asText()).as("the JWT is on the upgrade, not in the frame").isEmpty();
            server.sendClose(1000, "");
        }
        search.get(10, TimeUnit.SECONDS);
    }

    @Test
    void collectsEveryResultBatchUntilTheServerCloses() throws Exception {
        Future<SearchResult> search = pool.submit(() -> search(Duration.ofSeconds(5)).run(USER, payload()));

        try (var server = peer.accept()) {
            server.readMessage();
            server.sendText(result("/7/a", "/7/b"));
            server.sendText("{\"ping\":\"pong\"}");
            server.sendText(result("/7/c"));
            server.sendClose(1000, "done");
        }
        SearchResult result = search.get(10, TimeUnit.SECONDS);
        assertThat(result.items()).extracting(item -> item.get("id").asText()).containsExactly("/7/a", "/7/b", "/7/c");
        assertThat(result.batches()).isEqualTo(2);
        assertThat(result.frames()).hasSize(3).contains("{\"ping\":\"pong\"}");
        assertThat(result.ending()).isEqualTo(new Ending.ServerClosed(new CloseStatus(1000, "done")));
    }

    @Test
    void cancellingClosesTheSocketAndKeepsWhatArrived() throws Exception {
        Future<SearchResult> search = pool.submit(() -> {
            try (SearchSession session = search(Duration.ofSeconds(5)).start(USER, payload())) {
                assertThat(session.awaitBatches(1)).isTrue();
                return session.cancel();
            }
        });

        try (var server = peer.accept()) {
            server.readMessage();
            server.sendText(result("/7/a"));
            RawWebSocketPeer.Frame close = server.readMessage();
            assertThat(close.opcode()).isEqualTo(8);
            assertThat(close.closeCode()).isEqualTo(1000);
        }
        SearchResult result = search.get(10, TimeUnit.SECONDS);
        assertThat(result.ending()).isEqualTo(new Ending.Cancelled());
        assertThat(result.items()).hasSize(1);
    }

    @Test
    void aSilentProviderEndsTheSearchByTimeout() throws Exception {
        Future<SearchResult> search = pool.submit(() -> search(Duration.ofMillis(300)).run(USER, payload()));

        try (var server = peer.accept()) {
            server.readMessage();
            assertThat(search.get(10, TimeUnit.SECONDS).ending()).isInstanceOf(Ending.TimedOut.class);
        }
    }

    @Test
    void aRefusedUpgradeIsReportedWithItsStatus() throws Exception {
        Future<SearchResult> search = pool.submit(() -> search(Duration.ofSeconds(5)).run(USER, payload()));

        peer.refuse(401);
        assertThat(search.get(10, TimeUnit.SECONDS).ending()).isEqualTo(new Ending.Refused(401));
    }

    @Test
    void aForgedHandshakeSendsExactlyWhatItIsGiven() throws Exception {
        Future<SearchResult> search = pool.submit(() -> {
            try (SearchSession session = search(Duration.ofSeconds(5)).startRaw(null, "not-base64", "garbage")) {
                return session.awaitEnd();
            }
        });

        try (var server = peer.accept()) {
            assertThat(server.head().requestLine()).isEqualTo("GET /ucloud/slurm/files?usernameHint=not-base64 HTTP/1.1");
            assertThat(server.head().headers()).doesNotContainKey("authorization");
            assertThat(server.readMessage().text()).isEqualTo("garbage");
            server.sendClose(1008, "no");
        }
        assertThat(search.get(10, TimeUnit.SECONDS).ending()).isEqualTo(new Ending.ServerClosed(new CloseStatus(1008, "no")));
    }

    private StreamingSearch search(Duration timeout) {
        return new StreamingSearch(URI.create(peer.httpBase()), "slurm",
                TOKENS, timeout);
    }

    private static JsonNode payload() throws Exception {
        return JSON.readTree("""
                {"query":"report","owner":{"createdBy":"alice#1234","project":null},"flags":{},
                 "category":{"name":"home","provider":"slurm"},"currentFolder":"/7"}""");
    }

    private static String result(String... ids) {
        StringBuilder batch = new StringBuilder();
        for (String id : ids) {
            batch.append(batch.isEmpty() ? "" : ",").append("{\"id\":\"").append(id).append("\",\"status\":{\"type\":\"FILE\"}}");
        }
        return "{\"type\":\"message\",\"streamId\":\"ignored\",\"payload\":{\"type\":\"result\",\"batch\":[" + batch + "]}}";
    }
}
