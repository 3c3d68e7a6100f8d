package dk.sdu.im.compute.local;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.compute.backend.ComputePlugin;
import dk.sdu.im.compute.backend.QueueStatus;
import dk.sdu.im.compute.backend.ServerCompute;
import dk.sdu.im.compute.backend.UcloudJobState;
import dk.sdu.im.compute.backend.UserCompute;
import dk.sdu.im.config.ComputeConfig;
import dk.sdu.im.config.ImConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin as IM/User and IM/Server find it, with a configuration whose compute category names a partition. */
class LocalPluginTest {
    @TempDir
    Path dir;

    private ImConfig config() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("config.yml"), """
                provider:
                  id: dev
                  publicUrl: https://dev.example.org
                core:
                  url: https://cloud.sdu.dk
                products:
                  home:
                    type: storage
                    accountingUnit: {name: GB}
                    accountingFrequency: PERIODIC_DAY
                    products:
                      - {name: home}
                  cpu:
                    type: compute
                    partition: batch
                    accountingUnit: {name: Core hour}
                    accountingFrequency: PERIODIC_MINUTE
                    products:
                      - {name: cpu-1}
                compute: {backend: local}
                """);
        return ImConfig.load(etc);
    }

    @Test
    void theBackendNamedLocalIsThisPlugin() throws Exception {
        assertThat(config().compute().backend()).isEqualTo(ComputeConfig.Backend.LOCAL);
        assertThat(ComputePlugin.named("local")).isInstanceOf(LocalPlugin.class);
    }

    @Test
    void theServerHalfFindsNoProblemsReportsComputeCategoriesAvailableAndPollsNothing() throws Exception {
        ImConfig config = config();
        ServerCompute server = new LocalPlugin().forServer(config);

        assertThat(server.problems(config.products())).as("the partition is ignored, not a problem").isEmpty();
        assertThat(server.queueStatus(config.products())).isEqualTo(Map.of("cpu", QueueStatus.AVAILABLE));
        assertThat(server.poll(List.of("local-1"))).isEmpty();
        assertThat(server.orphaned(List.of("local-1"))).singleElement().satisfies(orphan -> {
            assertThat(orphan.providerJobId()).isEqualTo("local-1");
            assertThat(orphan.status().state()).as("it died with its instance").isEqualTo(
                    dk.sdu.im.compute.backend.UcloudJobState.FAILURE);
            assertThat(orphan.status().text()).isEqualTo("Stopped: the provider restarted while the job ran");
        });
    }

    @Test
    void theUserHalfRunsAJobAndIsClosedAtTheInstancesExit() throws Exception {
        RecordingSink sink = new RecordingSink();
        UserCompute user = new LocalPlugin().forUser(config(), sink);
        assertThat(user).isInstanceOf(AutoCloseable.class);

        String id = user.submit(Jobs.job(dir, "1", "true"));

        assertThat(sink.awaitEnd(id).status().state()).isEqualTo(UcloudJobState.SUCCESS);
        ((AutoCloseable) user).close();
    }
}
