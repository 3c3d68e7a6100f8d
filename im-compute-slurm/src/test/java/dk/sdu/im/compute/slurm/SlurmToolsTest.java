package dk.sdu.im.compute.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.compute.backend.ComputeRefusal;
import dk.sdu.im.compute.slurm.SlurmTools.Outcome;
import dk.sdu.im.compute.slurm.SlurmTools.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmToolsTest {
    private static final Duration PATIENT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private FakeSlurm slurm;

    @BeforeEach
    void fake() {
        slurm = new FakeSlurm(dir);
    }

    private Outcome run(Tool tool, String... arguments) throws ComputeRefusal {
        return slurm.tools().run(tool, List.of(arguments), Optional.empty(), PATIENT);
    }

    @Test
    void passesEveryArgumentAsItsOwnArgvEntryUnchanged() throws ComputeRefusal {
        slurm.answers("sbatch", 0, "17\n", "");
        List<String> hostile = List.of("--parsable", "a b", "", "$(id)", "; rm -rf /", "*", "'\"\\", "-j 1,2");

        Outcome outcome = slurm.tools().run(Tool.SBATCH, hostile, Optional.empty(), PATIENT);

        assertThat(outcome).isEqualTo(new Outcome(Tool.SBATCH, 0, "17\n", ""));
        assertThat(slurm.onlyCall("sbatch")).isEqualTo(hostile);
    }

    @Test
    void theToolSeesOnlyTheCleanEnvironmentWithSlurmConf() throws ComputeRefusal {
        slurm.answers("sinfo", 0, "", "");
        Map<String, String> parent = Map.of("HOME", "/home/imtalice", "USER", "imtalice", "JAVA_HOME", "/opt/jdk",
                "LD_PRELOAD", "/tmp/evil.so", "SLURM_CONF", "/etc/slurm/other.conf", "SLURM_JOB_ID", "5",
                "PATH", "/tmp/evil:/usr/bin");

        slurm.tools(parent).run(Tool.SINFO, List.of(), Optional.empty(), PATIENT);

        assertThat(slurm.environment("sinfo")).containsExactlyInAnyOrderEntriesOf(Map.of("PATH", "/usr/bin:/bin",
                "LANG", "C.UTF-8", "HOME", "/home/imtalice", "USER", "imtalice", "SLURM_CONF", slurm.slurmConf().toString()));
    }

    @Test
    void thisJvmsOwnEnvironmentDoesNotReachTheTool() throws ComputeRefusal {
        slurm.answers("sinfo", 0, "", "");

        SlurmTools.of(slurm.config().compute()).run(Tool.SINFO, List.of(), Optional.empty(), PATIENT);

        Map<String, String> seen = slurm.environment("sinfo");
        assertThat(Set.of("PATH", "LANG", "HOME", "USER", "SLURM_CONF")).containsAll(seen.keySet());
        assertThat(seen).containsEntry("SLURM_CONF", slurm.slurmConf().toString()).containsEntry("PATH", "/usr/bin:/bin");
    }

    @Test
    void withoutAConfiguredSlurmConfNoneIsPassedNotEvenThisProcesssOwn() {
        assertThat(SlurmTools.environment(Optional.empty(), Map.of("SLURM_CONF", "/etc/slurm/other.conf", "TERM", "xterm")))
                .isEqualTo(Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8"));
    }

    @Test
    void runsInTheGivenDirectoryWithDevNullAsStandardInput() throws Exception {
        slurm.answers("sbatch", 0, "", "");
        Path folder = Files.createDirectories(dir.resolve("Jobs/app/42"));

        slurm.tools().run(Tool.SBATCH, List.of(), Optional.of(folder), PATIENT);

        assertThat(slurm.workingDirectory("sbatch")).isEqualTo(folder.toRealPath());
        assertThat(slurm.standardInput("sbatch")).isEqualTo("/dev/null");
    }

    @Test
    void returnsTheExitStatusAndBothStreams() throws ComputeRefusal {
        slurm.answers("sbatch", 1, "", "sbatch: error: Batch job submission failed: Invalid account\n");

        Outcome outcome = run(Tool.SBATCH);

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.exit()).isEqualTo(1);
        assertThat(outcome.stderr()).isEqualTo("sbatch: error: Batch job submission failed: Invalid account\n");
        assertThat(outcome.said("Invalid account")).isTrue();
    }

    @Test
    void slurmsWordsAreItsErrorLinesTrimmedAndJoinedElseItsOutputElseTheStatus() {
        assertThat(new Outcome(Tool.SBATCH, 1, "ignored", "  sbatch: error: one \n\n\tsbatch: error: two\n").words())
                .isEqualTo("sbatch: error: one sbatch: error: two");
        assertThat(new Outcome(Tool.SACCT, 1, "Slurm accounting storage is disabled\n", "").words())
                .isEqualTo("Slurm accounting storage is disabled");
        assertThat(new Outcome(Tool.SCANCEL, 225, "", " \n").words()).isEqualTo("scancel exited with status 225");
    }

    @Test
    void aToolThatHangsIsStoppedWithWhatItStartedAndRefusedAsTheSites() throws Exception {
        Path pids = dir.resolve("pids");
        slurm.script("squeue", "sleep 60 &\necho $! > " + FakeSlurm.quoted(pids) + "\necho $$ >> "
                + FakeSlurm.quoted(pids) + "\nwait");
        long started = System.nanoTime();

        assertThatThrownBy(() -> slurm.tools().run(Tool.SQUEUE, List.of(), Optional.empty(), Duration.ofMillis(500)))
                .isInstanceOfSatisfying(ComputeRefusal.class, e -> assertThat(e.userError()).isFalse())
                .hasMessage("squeue did not finish within 500 ms and was stopped; Slurm may be overloaded or unreachable");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        for (String pid : Files.readAllLines(pids)) {
            assertThat(gone(Long.parseLong(pid))).as("process %s", pid).isTrue();
        }
    }

    @Test
    void aToolThatFloodsItsOutputIsStoppedAtTheLimit() {
        slurm.script("sacct", "exec yes");
        long started = System.nanoTime();

        assertThatThrownBy(() -> run(Tool.SACCT))
                .isInstanceOfSatisfying(ComputeRefusal.class, e -> assertThat(e.userError()).isFalse())
                .hasMessage("sacct printed more than 65536 bytes on its standard output and was stopped");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aToolThatFloodsItsErrorsIsStoppedAtTheirLimit() {
        slurm.script("sinfo", "yes error >&2");

        assertThatThrownBy(() -> run(Tool.SINFO)).isInstanceOf(ComputeRefusal.class)
                .hasMessage("sinfo printed more than 4096 bytes on its standard error and was stopped");
    }

    @Test
    void outputUpToTheLimitIsKept() throws ComputeRefusal {
        slurm.script("sacct", "head -c 65536 /dev/zero | tr '\\0' x");

        assertThat(run(Tool.SACCT).stdout()).hasSize(65536);
    }

    @Test
    void aMissingOrNonExecutableToolIsRefusedAsTheSitesNamingTheDirectory() throws Exception {
        assertThatThrownBy(() -> run(Tool.SACCT))
                .isInstanceOfSatisfying(ComputeRefusal.class, e -> assertThat(e.userError()).isFalse())
                .hasMessage("sacct is not installed: " + slurm.bin().resolve("sacct")
                        + " is not an executable file (compute.slurmBin names the directory of the Slurm tools)");
        Files.writeString(slurm.bin().resolve("sinfo"), "#!/bin/sh\n");
        assertThatThrownBy(() -> run(Tool.SINFO)).isInstanceOf(ComputeRefusal.class).hasMessageStartingWith("sinfo is not installed");
    }

    /**
     * Whether the process has ended within two seconds. A killed child whose parent was killed too stays a zombie
     * until the machine's init reaps it, so a zombie counts as ended.
     */
    private static boolean gone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!running(pid)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
