package dk.sdu.im.compute.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.compute.backend.ComputePlugin;
import dk.sdu.im.compute.backend.ObservationSink;
import dk.sdu.im.config.ImConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmPluginTest {
    @TempDir
    Path dir;

    @Test
    void isFoundByItsNameAndBothHalvesRunTheConfiguredTools() throws Exception {
        FakeSlurm slurm = new FakeSlurm(dir);
        ImConfig config = slurm.config();
        slurm.answers("scancel", 0, "", "").answers("sacct", 0, "3|imtalice|RUNNING|0:0|5|cpu=2|None\n", "");

        ComputePlugin plugin = ComputePlugin.named("slurm");
        plugin.forUser(config, ObservationSink.none()).cancel("3");
        assertThat(plugin.forServer(config).poll(List.of("3"))).singleElement()
                .satisfies(o -> assertThat(o.cpuSeconds()).isEqualTo(10));

        assertThat(plugin).isInstanceOf(SlurmPlugin.class);
        assertThat(slurm.onlyCall("scancel")).containsExactly("3");
        assertThat(slurm.environment("sacct")).containsEntry("SLURM_CONF", slurm.slurmConf().toString());
    }
}
