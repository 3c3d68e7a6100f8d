package dk.sdu.im.systemtest;

import static dk.sdu.im.systemtest.Host.must;
import static dk.sdu.im.systemtest.Installation.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dk.sdu.im.testkit.browser.BrowserReach;
import dk.sdu.im.testkit.browser.DownloadResult;
import dk.sdu.im.testkit.browser.DownloadSink;
import dk.sdu.im.testkit.browser.FrontendDownload;
import dk.sdu.im.testkit.client.ProviderClient;
import dk.sdu.im.testkit.client.Reply;
import dk.sdu.im.testkit.metrics.Scrape;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The installed IM/Server's metrics and health listener ({@code server.metrics}), scraped as Prometheus would while
 * real instances run as real users: each family moves when its event happens (a cold start, an instance's own calls,
 * a download's bytes, a refused launch, callbacks to UCloud), and health and readiness answer with the version.
 * Instances report every few seconds, so each check waits for its figure to move.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsSystemTest {
    private static final String ALICE_UCLOUD = "alice#1234";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String ALICE_DRIVE = "{\"id\":\"7\",\"providerGeneratedId\":\"home " + ALICE_UCLOUD + "\\n/home/" + ALICE + "\"}";
    private Installation site;
    private ProviderClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void install() throws Exception {
        assumeTrue(Host.root(), "needs root: creates accounts, installs sudo rules and runs processes as other users");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "needs sudo (./test installs it when run as root)");
        site = Installation.install(Path.of(System.getProperty("im.dist")));
        client = new ProviderClient(site.gateway(), Installation.PROVIDER, site.provider.tokens(), PATIENCE);
    }

    @AfterAll
    void uninstall() throws Exception {
        http.close();
        if (client != null) {
            client.close();
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    @Order(1)
    void healthAndReadinessAnswerWithTheVersion() throws Exception {
        HttpResponse<String> alive = get("/healthz");
        assertThat(alive.statusCode()).as(alive.body()).isEqualTo(200);
        assertThat(alive.body()).contains("alive").containsPattern("[0-9]+\\.[0-9]+");
        HttpResponse<String> ready = eventually(() -> get("/readyz"), reply -> reply.statusCode() == 200);
        assertThat(ready.statusCode()).as("ready once UCloud answered; " + ready.body()).isEqualTo(200);
        assertThat(ready.body()).doesNotContain("failing");
    }

    @Test
    @Order(2)
    void aColdStartMovesTheColdStartInstanceRouteAndRequestFamilies() throws Exception {
        Scrape before = scrape();
        Reply browse = browse(ALICE_UCLOUD, ALICE_DRIVE);
        assertThat(browse.status()).as(browse.body()).isEqualTo(200);

        Scrape after = eventually(this::scrape, s -> s.sum("ucloud_im_requests_total", "process", "user", "call", "files.browse")
                > before.sum("ucloud_im_requests_total", "process", "user", "call", "files.browse"));
        assertThat(after.sum("ucloud_im_requests_total", "process", "user", "call", "files.browse"))
                .as("the instance's own calls, reported over IPC").isGreaterThan(before.sum("ucloud_im_requests_total",
                        "process", "user", "call", "files.browse"));
        assertThat(after.value("ucloud_im_cold_start_duration_seconds_count"))
                .isEqualTo(before.value("ucloud_im_cold_start_duration_seconds_count") + 1);
        assertThat(after.sum("ucloud_im_cold_start_phase_duration_seconds_count"))
                .isGreaterThan(before.sum("ucloud_im_cold_start_phase_duration_seconds_count"));
        assertThat(after.value("ucloud_im_instances_running")).isEqualTo(Host.instancesOf(ALICE).size()).isPositive();
        assertThat(after.value("ucloud_im_routes")).isPositive();
    }

    @Test
    @Order(3)
    void aDownloadMovesTheTransferBytes() throws Exception {
        Path file = Path.of("/home", ALICE, "metrics-download.bin");
        Files.write(file, new byte[100_000]);
        must("chown", ALICE + ":" + ALICE, file.toString());
        double before = scrape().sum("ucloud_im_transfer_bytes_total", "direction", "download");

        Reply created = client.asUser(ALICE_UCLOUD).post("files/download",
                "{\"items\":[{\"id\":\"/7/metrics-download.bin\",\"resolvedCollection\":" + ALICE_DRIVE + "}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        try (var download = new FrontendDownload(ALICE_UCLOUD, BrowserReach.asIs(), PATIENCE)) {
            DownloadResult result = download.open(created.json().at("/responses/0/endpoint").asText(), new DownloadSink.Discard());
            assertThat(result.status()).as(result.errorBody()).isEqualTo(200);
        }

        Scrape after = eventually(this::scrape,
                s -> s.sum("ucloud_im_transfer_bytes_total", "direction", "download") >= before + 100_000);
        assertThat(after.sum("ucloud_im_transfer_bytes_total", "direction", "download")).isGreaterThanOrEqualTo(before + 100_000);
    }

    @Test
    @Order(4)
    void aRefusedLaunchMovesTheLaunchFailures() throws Exception {
        double before = scrape().sum("ucloud_im_launch_failures_total");
        Reply carol = browse("carol#9", "{\"id\":\"7\",\"providerGeneratedId\":\"home carol#9\\n/home/" + Installation.CAROL + "\"}");
        assertThat(carol.status()).as("carol is outside the served group").isNotEqualTo(200);

        assertThat(scrape().sum("ucloud_im_launch_failures_total")).isGreaterThan(before);
    }

    @Test
    @Order(5)
    void callbacksTheDatabasePoolAndTheJvmAreReported() throws Exception {
        Scrape scrape = scrape();
        assertThat(scrape.value("ucloud_im_core_callbacks_total")).as("product registration at least").isPositive();
        assertThat(scrape.value("ucloud_im_core_last_answer_timestamp_seconds"))
                .isGreaterThan(Instant.now().minus(Duration.ofHours(1)).getEpochSecond());
        assertThat(scrape.value("ucloud_im_db_pool_max_connections")).isPositive();
        assertThat(scrape.sum("jvm_memory_used_bytes", "area", "heap")).isPositive();
        assertThat(scrape.types()).containsKey("ucloud_im_build_info");
    }

    private Reply browse(String user, String drive) {
        return client.asUser(user).post("files/browse", "{\"resolvedCollection\":" + drive
                + ",\"Browse\":{\"flags\":{\"path\":\"/7\"},\"itemsPerPage\":50}}");
    }

    private Scrape scrape() throws Exception {
        return Scrape.of(site.metricsPort);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + site.metricsPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Asks until {@code done} holds or {@link #PATIENCE} passed; returns the last answer either way. */
    private static <T> T eventually(Attempt<T> attempt, Predicate<T> done) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        T last = attempt.get();
        while (!done.test(last) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            last = attempt.get();
        }
        return last;
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T get() throws Exception;
    }
}
