package dk.sdu.im.server;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.testkit.metrics.Scrape;
import dk.sdu.im.testkit.core.FakeCore;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IM/Server's metrics and health listener ({@code server.metrics}), scraped as Prometheus would: every family is
 * there, moves when its event happens, and {@code /readyz} names the check that fails.
 */
class MetricsAndHealthTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    FakeCore core;
    ServerFixture fixture;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startCore() {
        core = FakeCore.start();
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        core.close();
        http.close();
    }

    private ServerFixture started() throws Exception {
        fixture = new ServerFixture(dir, core);
        fixture.serverYaml = "metrics: {port: 0}";
        return fixture.start("type: sqlite", "");
    }

    private int port() {
        return fixture.server.metricsAddress().orElseThrow().getPort();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutTheSectionThereIsNoListener() throws Exception {
        fixture = new ServerFixture(dir, core).start("type: sqlite", "");
        assertThat(fixture.server.metricsAddress()).isEmpty();
    }

    @Test
    void theListenerBindsLoopbackOnly() throws Exception {
        assertThat(started().server.metricsAddress().orElseThrow().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void everyFamilyIsDeclaredWithItsType() throws Exception {
        started();
        assertThat(fixture.client.asSystem().retrieve("integration/retrieveManifest", Map.of()).status()).isEqualTo(200);
        Scrape scrape = Scrape.of(port());

        assertThat(scrape.types()).containsAllEntriesOf(Map.ofEntries(
                Map.entry("ucloud_im_requests_total", "counter"),
                Map.entry("ucloud_im_request_duration_seconds", "histogram"),
                Map.entry("ucloud_im_cold_start_duration_seconds", "histogram"),
                Map.entry("ucloud_im_cold_start_phase_duration_seconds", "histogram"),
                Map.entry("ucloud_im_instances_running", "gauge"),
                Map.entry("ucloud_im_routes", "gauge"),
                Map.entry("ucloud_im_launch_failures_total", "counter"),
                Map.entry("ucloud_im_transfer_bytes_total", "counter"),
                Map.entry("ucloud_im_transfers_active", "gauge"),
                Map.entry("ucloud_im_core_callbacks_total", "counter"),
                Map.entry("ucloud_im_core_callback_failures_total", "counter"),
                Map.entry("ucloud_im_core_last_answer_timestamp_seconds", "gauge"),
                Map.entry("ucloud_im_db_pool_connections", "gauge"),
                Map.entry("ucloud_im_db_pool_max_connections", "gauge"),
                Map.entry("ucloud_im_build_info", "gauge"),
                Map.entry("jvm_memory_used_bytes", "gauge")));
        assertThat(scrape.value("ucloud_im_instances_running")).isZero();
        assertThat(scrape.value("ucloud_im_routes")).isZero();
        assertThat(scrape.value("ucloud_im_db_pool_max_connections")).isEqualTo(4);
        assertThat(scrape.sum("ucloud_im_db_pool_connections")).isPositive(); // the pool holds its first connection
        assertThat(scrape.sum("jvm_memory_used_bytes", "area", "heap")).isPositive();
    }

    @Test
    void aSystemCallCountsByCallAndStatusAndLandsInALatencyBucket() throws Exception {
        started();
        String[] manifest = {"call", "integration.retrieveManifest", "process", "server", "status", "200"};
        double before = Scrape.of(port()).value("ucloud_im_requests_total", manifest);

        assertThat(fixture.client.asSystem().retrieve("integration/retrieveManifest", Map.of()).status()).isEqualTo(200);
        assertThat(fixture.client.asSystem().retrieve("integration/retrieveManifest", Map.of()).status()).isEqualTo(200);

        Scrape after = Scrape.of(port());
        assertThat(after.value("ucloud_im_requests_total", manifest)).isEqualTo(before + 2);
        String[] call = {"call", "integration.retrieveManifest", "process", "server"};
        assertThat(after.value("ucloud_im_request_duration_seconds_count", call)).isEqualTo(before + 2);
        assertThat(after.value("ucloud_im_request_duration_seconds_bucket", "call", "integration.retrieveManifest",
                "process", "server", "le", "+Inf")).isEqualTo(before + 2);
        assertThat(after.value("ucloud_im_request_duration_seconds_sum", call)).isPositive();
    }

    @Test
    void refusedLaunchesCountByReason() throws Exception {
        started();
        double unmapped = Scrape.of(port()).value("ucloud_im_launch_failures_total", "reason", "unmapped");
        double spawn = Scrape.of(port()).value("ucloud_im_launch_failures_total", "reason", "spawn");

        assertThat(fixture.client.asSystem().post("integration/init", "{\"username\":\"mallory#666\"}").status())
                .isEqualTo(403);
        // alice's uid is not this process's, which a direct (development) launch refuses to start
        assertThat(fixture.client.asSystem().post("integration/init", "{\"username\":\"alice#1234\"}").status())
                .isEqualTo(503);

        Scrape after = Scrape.of(port());
        assertThat(after.value("ucloud_im_launch_failures_total", "reason", "unmapped")).isEqualTo(unmapped + 1);
        assertThat(after.value("ucloud_im_launch_failures_total", "reason", "spawn")).isEqualTo(spawn + 1);
    }

    @Test
    void aFailedCallbackCountsByReasonAndMakesReadinessNameCoreUntilUCloudAnswersAgain() throws Exception {
        started();
        assertThat(core.awaitRequest(r -> r.is("POST", "/api/products/v2") && r.status() == 200, WAIT)).isTrue();
        awaitReady();
        double failures = Scrape.of(port()).sum("ucloud_im_core_callback_failures_total");
        double calls = Scrape.of(port()).value("ucloud_im_core_callbacks_total");

        core.setOutage(true);
        assertThat(fixture.client.asSystem().post("integration/connect", "{\"username\":\"alice#1234\"}").status()).isEqualTo(503);

        Scrape after = Scrape.of(port());
        assertThat(after.sum("ucloud_im_core_callback_failures_total")).isGreaterThan(failures);
        assertThat(after.value("ucloud_im_core_callbacks_total")).isGreaterThan(calls);
        var notReady = awaitStatus("/readyz", 503);
        assertThat(notReady.body()).startsWith("not ready\nversion: ").contains("failing: core: UCloud has not answered")
                .doesNotContain("failing: database").doesNotContain("failing: launcher");

        core.setOutage(false);
        assertThat(fixture.client.asSystem().post("integration/connect", "{\"username\":\"alice#1234\"}").status()).isEqualTo(200);
        assertThat(awaitStatus("/readyz", 200).body()).startsWith("ready\nversion: ");
        assertThat(Scrape.of(port()).value("ucloud_im_core_last_answer_timestamp_seconds")).isPositive();
    }

    @Test
    void readinessNamesCoreWhenUCloudIsUnreachableFromTheStart() throws Exception {
        fixture = new ServerFixture(dir, core);
        fixture.serverYaml = "metrics: {port: 0}";
        core.close(); // the configuration still names its address, where nothing listens now
        fixture.start("type: sqlite", "");

        var reply = get("/readyz");

        assertThat(reply.statusCode()).isEqualTo(503);
        assertThat(reply.body()).contains("failing: core: ").contains("unreachable");
        assertThat(Scrape.of(port()).value("ucloud_im_core_callback_failures_total", "reason", "unreachable")).isPositive();
    }

    @Test
    void readinessNamesTheLauncherWhenItDoesNotExist() throws Exception {
        fixture = new ServerFixture(dir, core);
        fixture.serverYaml = "metrics: {port: 0}";
        fixture.instancesYaml = "launch: sudo\nlauncher: " + dir.resolve("no-such-dir/bin/ucloud-im-user");
        fixture.start("type: sqlite", "");

        var reply = awaitStatus("/readyz", 503);

        assertThat(reply.body()).contains("failing: launcher: ").contains("no-such-dir/bin/ucloud-im-user")
                .doesNotContain("failing: database");
    }

    @Test
    void healthSaysAliveWithTheVersion() throws Exception {
        started();
        var reply = get("/healthz");
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).matches("alive\nversion: \\S+\n");
        assertThat(Scrape.of(port()).samples().get("ucloud_im_build_info")).hasSize(1);
    }

    @Test
    void onlyGetAndHeadAreAnswered() throws Exception {
        started();
        var post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/metrics"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get("/elsewhere").statusCode()).isEqualTo(404);
    }

    @Test
    void aFloodOfIdleConnectionsIsCappedAndTheListenerServesAgainOnceTheyAreGone() throws Exception {
        started();
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                idle.add(new Socket("127.0.0.1", port()));
            }
            try (Socket past = new Socket()) {
                past.connect(new InetSocketAddress("127.0.0.1", port()));
                past.setSoTimeout((int) WAIT.toMillis());
                InputStream in = past.getInputStream();
                assertThat(in.read()).as("the connection past the cap is closed unanswered").isEqualTo(-1);
            }
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
        assertThat(awaitStatus("/healthz", 200).body()).startsWith("alive");
    }

    private void awaitReady() throws Exception {
        awaitStatus("/readyz", 200);
    }

    /** Asks until the status is as expected (readiness verdicts are reused for a second); fails after WAIT. */
    private HttpResponse<String> awaitStatus(String path, int status) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            HttpResponse<String> reply;
            try {
                reply = get(path);
            } catch (java.io.IOException closed) {
                reply = null; // a connection the cap still refused
            }
            if (reply != null && reply.statusCode() == status) {
                return reply;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " did not answer " + status + " within " + WAIT + ": "
                        + (reply == null ? "no reply" : reply.statusCode() + " " + reply.body()));
            }
            Thread.sleep(100);
        }
    }
}
