package dk.sdu.im.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.db.Database;
import dk.sdu.im.server.instances.InstanceEvents;
import dk.sdu.im.server.ucloud.CoreReach;
import dk.sdu.im.testkit.metrics.Scrape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped Grafana dashboard is valid JSON with a panel for every family IM/Server exposes. */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("../im-dist/src/main/dist/share/grafana/ucloud-im.json");

    @Test
    void everyFamilyHasAPanel() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> expressions.add(t.path("expr").asText())));

        var metrics = new ServerMetrics("test");
        metrics.watch(new ServerMetrics.Sources(() -> 0, () -> 0, () -> new Database.PoolUse(0, 1, 0, 4),
                new CoreReach(Clock.systemUTC()), () -> Map.of("RUNNING", 1)));
        metrics.requests().served("integration.retrieveManifest", 200, 1_000_000);
        metrics.instanceEvents().coldStart(new InstanceEvents.ColdStartPhases(Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ofMillis(100)));
        Scrape scrape = Scrape.parse(new String(metrics.scrape(), StandardCharsets.UTF_8));

        List<String> families = scrape.types().keySet().stream().filter(name -> name.startsWith("ucloud_im_")).toList();
        assertThat(families).hasSizeGreaterThanOrEqualTo(16);
        for (String family : families) {
            assertThat(expressions).as("a panel for " + family).anyMatch(expr -> expr.contains(family));
        }
        assertThat(expressions).anyMatch(expr -> expr.contains("jvm_memory_used_bytes"));
        assertThat(dashboard.path("uid").asText()).isEqualTo("ucloud-im");
    }
}
