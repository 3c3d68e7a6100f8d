package dk.sdu.im.testkit.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class FaultsAndInspectionTest {
    private FakeCore core;
    private CoreHttp http;
    private Provider provider;

    @BeforeEach
    void start() {
        core = FakeCore.start();
        http = new CoreHttp(core);
        provider = core.registerProvider("slurm");
    }

    @AfterEach
    void stop() {
        http.close();
        core.close();
    }

    @Test
    void outageAnswersEveryEndpointWithServiceUnavailable() {
        core.setOutage(true);

        CoreHttp.Res refresh = http.refresh(provider.refreshToken());
        CoreHttp.Res browse = http.get("/api/products/v2/browse", null);
        core.setOutage(false);

        assertThat(refresh.status()).isEqualTo(503);
        assertThat(refresh.why()).isEqualTo("Service unavailable");
        assertThat(browse.status()).isEqualTo(503);
        assertThat(http.refresh(provider.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void failNextFailsExactlyThatManyCallsToThePath() {
        core.failNext("/auth/providers/refresh", 502, 2);

        assertThat(http.refresh(provider.refreshToken()).status()).isEqualTo(502);
        assertThat(http.get("/api/products/v2/browse", null).status()).isEqualTo(200);
        assertThat(http.refresh(provider.refreshToken()).status()).isEqualTo(502);
        assertThat(http.refresh(provider.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void replyIsGzippedWhenTheClientAcceptsGzip() throws IOException {
        var request = http.request("/api/products/v2/browse", null).header("Accept-Encoding", "gzip").GET().build();
        HttpResponse<byte[]> response;
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }

        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String body = new String(new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(CoreHttp.parse(body).get("items").isArray()).isTrue();
    }

    @Test
    void requestsAreRecordedWithLowerCasedHeadersQueryAndBody() {
        String token = http.accessToken(provider);
        http.post("/api/providers/integration/control/approveConnection?x=a%20b", "{\"username\":\"alice#1234\"}", token);

        RecordedRequest recorded = core.requests().getLast();

        assertThat(recorded.is("POST", "/api/providers/integration/control/approveConnection")).isTrue();
        assertThat(recorded.query()).containsEntry("x", "a b");
        assertThat(recorded.headers()).containsKey("authorization").doesNotContainKey("content-type");
        assertThat(recorded.header("Authorization")).startsWith("Bearer ");
        assertThat(recorded.body()).isEqualTo("{\"username\":\"alice#1234\"}");
        assertThat(recorded.json().get("username").asText()).isEqualTo("alice#1234");
        assertThat(recorded.status()).isEqualTo(200);
        assertThat(core.requests()).hasSize(2);
    }

    @Test
    void awaitRequestWakesUpWhenAMatchingRequestArrives() throws Exception {
        String token = http.accessToken(provider);
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread waiter = Thread.ofPlatform().start(() ->
                result.complete(await("/api/providers/integration/control/approveConnection", Duration.ofSeconds(30))));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (waiter.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until the waiter is parked on the condition
        }
        assertThat(result).isNotDone();

        http.post("/api/providers/integration/control/approveConnection", "{\"username\":\"alice#1234\"}", token);

        assertThat(result.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(core.approvedConnections("slurm")).contains("alice#1234");
        waiter.join();
    }

    @Test
    void awaitRequestGivesUpAfterTheTimeout() {
        assertThat(await("/never", Duration.ofMillis(50))).isFalse();
    }

    private boolean await(String path, Duration timeout) {
        try {
            return core.awaitRequest(r -> r.path().equals(path), timeout);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
