package dk.sdu.im.server;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.testkit.metrics.Scrape;
import dk.sdu.im.testkit.core.FakeCore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /readyz} on a real PostgreSQL server that goes away: the reply names the database, and the pool is measured. */
class MetricsOnPostgresqlTest {
    @TempDir
    Path dir;
    private EmbeddedPostgres postgres;
    private FakeCore core;
    private ServerFixture fixture;

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        if (core != null) {
            core.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void readinessNamesTheDatabaseOnceItIsGone() throws Exception {
        postgres = EmbeddedPostgres.start();
        core = FakeCore.start();
        fixture = new ServerFixture(dir, core);
        fixture.serverYaml = "metrics: {port: 0}";
        fixture.start("""
                type: postgresql
                url: jdbc:postgresql://localhost:%d/postgres
                user: postgres
                poolSize: 2
                """.formatted(postgres.getPort()), "");
        int port = fixture.server.metricsAddress().orElseThrow().getPort();
        assertThat(Scrape.of(port).value("ucloud_im_db_pool_max_connections")).isEqualTo(2);

        postgres.close();
        postgres = null;

        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).isEqualTo(503);
            assertThat(reply.body()).startsWith("not ready\nversion: ").contains("failing: database: ");
        }
        // a scrape does not wait for the database: the pool's figures and everything else are still there
        assertThat(Scrape.of(port).value("ucloud_im_db_pool_max_connections")).isEqualTo(2);
    }
}
