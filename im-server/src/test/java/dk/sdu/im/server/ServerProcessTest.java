package dk.sdu.im.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dk.sdu.im.api.host.ProcessIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IM/Server's entry point as a real process: what an administrator sees when it refuses to start. */
class ServerProcessTest {
    @TempDir
    Path dir;

    private record Outcome(int exit, String stderr) {
    }

    private Outcome run(String... args) throws Exception {
        var command = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), ServerMain.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outcome(process.exitValue(), stderr);
    }

    @Test
    void refusesToRunAsRootWithOneClearLine() throws Exception {
        assumeTrue(ProcessIdentity.effectiveUid() == 0, "needs root: proves IM/Server refuses effective uid 0");
        var outcome = run("--config-dir", dir.toString());
        assertThat(outcome.exit()).isEqualTo(77);
        assertThat(outcome.stderr().strip()).doesNotContain("\n").contains("IM/Server refuses to run as root");
    }

    @Test
    void invalidConfigurationStopsStartWithFileLineAndColumn() throws Exception {
        assumeFalse(ProcessIdentity.effectiveUid() == 0,
                "as root the root refusal comes first (proved by refusesToRunAsRootWithOneClearLine)");
        Files.writeString(dir.resolve("config.yml"), "provider:\n  id: slurm\n  colour: blue\nserver:\n  port: 99999\n");
        var outcome = run("--config-dir", dir.toString());
        assertThat(outcome.exit()).isEqualTo(78);
        assertThat(outcome.stderr()).as("every problem, not only the first").contains("config.yml:3:3")
                .contains("config.yml:5:9: server.port");
    }

    @Test
    void unknownArgumentIsAUsageError() throws Exception {
        var outcome = run("--frobnicate");
        assertThat(outcome.exit()).isEqualTo(64);
        assertThat(outcome.stderr()).contains("unknown argument: --frobnicate").contains("Usage: ucloud-im server");
    }
}
