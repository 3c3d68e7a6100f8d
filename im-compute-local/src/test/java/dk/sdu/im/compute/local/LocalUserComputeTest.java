package dk.sdu.im.compute.local;

import static dk.sdu.im.compute.backend.UcloudJobState.FAILURE;
import static dk.sdu.im.compute.backend.UcloudJobState.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.compute.backend.ComputeRefusal;
import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Observation;
import dk.sdu.im.compute.backend.Submission;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Scripts that end by themselves: how each ending is reported, and what the script is given. */
class LocalUserComputeTest extends WithLocalCompute {

    private List<JobStatus> runToEnd(Submission job) throws ComputeRefusal {
        String id = compute.submit(job);
        sink.awaitEnd(id);
        Waiting.until(() -> compute.activeJobs() == 0, "no job to run");
        return sink.statusesOf(id);
    }

    @Test
    void aScriptThatSucceedsIsRunningThenCompletedOnce() throws Exception {
        Submission job = Jobs.job(dir, "1", "echo done > result.txt");

        assertThat(runToEnd(job)).containsExactly(Jobs.RUNNING, new JobStatus(SUCCESS, "Completed"));
        assertThat(job.folder().resolve("result.txt")).hasContent("done");
        assertThat(compute.status("local-1")).contains(new JobStatus(SUCCESS, "Completed"));
    }

    @Test
    void observationsNameTheUserAndCountAllocatedSeconds() throws Exception {
        String id = compute.submit(Jobs.job(dir, "2", "sleep 1.2"));
        Observation end = sink.awaitEnd(id);

        assertThat(sink.of(id)).allSatisfy(o -> assertThat(o.user()).contains(System.getProperty("user.name")));
        assertThat(end.cpuSeconds()).as("2 CPUs for at least a second").isGreaterThanOrEqualTo(2);
        assertThat(end.gpuSeconds()).as("1 GPU: half the CPUs' seconds").isEqualTo(end.cpuSeconds() / 2);
    }

    @Test
    void aNonZeroExitIsAFailureWithItsCode() throws Exception {
        assertThat(runToEnd(Jobs.job(dir, "3", "exit 3")))
                .containsExactly(Jobs.RUNNING, new JobStatus(FAILURE, "Exited with code 3"));
    }

    @Test
    void aScriptKilledByASignalIsAFailureNamingIt() throws Exception {
        assertThat(runToEnd(Jobs.job(dir, "4", "kill -9 $$")))
                .containsExactly(Jobs.RUNNING, new JobStatus(FAILURE, "Killed by signal SIGKILL"));
    }

    @Test
    void outputAndErrorAreAppendedToTheJobsFiles() throws Exception {
        Submission job = Jobs.job(dir, "5", "echo out; echo err >&2; read -r line || echo no input");
        Files.writeString(job.stdout(), "before\n");

        runToEnd(job);

        assertThat(job.stdout()).hasContent("before\nout\nno input");
        assertThat(job.stderr()).hasContent("err");
    }

    @Test
    void theScriptRunsInItsFolderAsTheLeaderOfItsOwnProcessGroup() throws Exception {
        Submission job = Jobs.job(dir, "6", """
                pwd > where.txt
                echo "$UCLOUD_JOB_ID" > id.txt
                echo "$$ $(cut -d' ' -f5 /proc/$$/stat)" > group.txt""");

        runToEnd(job);

        assertThat(job.folder().resolve("where.txt")).hasContent(job.folder().toRealPath().toString());
        assertThat(job.folder().resolve("id.txt")).hasContent("6");
        String[] pidAndGroup = Files.readString(job.folder().resolve("group.txt")).strip().split(" ");
        assertThat(pidAndGroup[1]).as("its group is its own").isEqualTo(pidAndGroup[0])
                .isNotEqualTo(String.valueOf(ProcStat.groupOf(ProcessHandle.current().pid()).orElseThrow()));
    }

    @Test
    void leftoversOfAScriptThatEndedByItselfAreKilled() throws Exception {
        Submission job = Jobs.job(dir, "7", "sleep 300 &\necho $! > child.pid");

        assertThat(runToEnd(job)).containsExactly(Jobs.RUNNING, new JobStatus(SUCCESS, "Completed"));
        Waiting.untilGone(Waiting.pidIn(job.folder().resolve("child.pid")));
    }

    @Test
    void aJobOfTheSameIdIsRefusedWhileItRuns() throws Exception {
        String id = compute.submit(Jobs.job(dir, "8", "sleep 300"));

        assertThatThrownBy(() -> compute.submit(Jobs.job(dir.resolve("again"), "8", "true")))
                .isInstanceOfSatisfying(ComputeRefusal.class, refusal -> assertThat(refusal.userError()).isTrue());
        assertThat(compute.activeJobs()).isEqualTo(1);
        compute.cancel(id);
    }

    @Test
    void aScriptThatCannotStartIsRefusedAsTheSitesFault() throws Exception {
        Submission job = Jobs.job(dir, "9", "true");
        Submission elsewhere = new Submission("9", job.name(), dir.resolve("missing"), job.script(),
                dir.resolve("missing/out"), dir.resolve("missing/err"), job.machine(), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> compute.submit(elsewhere))
                .isInstanceOfSatisfying(ComputeRefusal.class, refusal -> assertThat(refusal.userError()).isFalse());
        assertThat(compute.activeJobs()).isZero();
        assertThat(sink.of("local-9")).isEmpty();
    }

    @Test
    void statusIsEmptyForJobsNotRunHereAndRefusedForForeignIds() throws Exception {
        assertThat(compute.status("local-404")).isEmpty();
        assertThatThrownBy(() -> compute.status("12345"))
                .isInstanceOfSatisfying(ComputeRefusal.class, refusal -> assertThat(refusal.userError()).isTrue());
        assertThat(compute.directives(Jobs.job(dir, "10", "true"))).isEmpty();
    }
}
