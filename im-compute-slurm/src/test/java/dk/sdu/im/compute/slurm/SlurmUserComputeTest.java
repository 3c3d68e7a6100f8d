package dk.sdu.im.compute.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.compute.backend.ComputeRefusal;
import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Submission;
import dk.sdu.im.compute.backend.UcloudJobState;
import dk.sdu.im.config.Placement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmUserComputeTest {
    private static final List<String> SQUEUE_77 = List.of("-h", "--jobs=77", "--states=all", "-o", "%A|%u|%T|%C|%M|%r");
    private static final List<String> SACCT_77 = List.of("-X", "-n", "-P", "-j", "77",
            "--format=JobIDRaw,User,State,ExitCode,ElapsedRaw,AllocTRES,Reason");
    private static final String UNKNOWN_TO_SQUEUE = "slurm_load_jobs error: Invalid job id specified\n";

    @TempDir
    Path dir;
    private FakeSlurm slurm;
    private SlurmUserCompute compute;
    private Submission submission;

    @BeforeEach
    void fake() throws Exception {
        slurm = new FakeSlurm(dir);
        compute = new SlurmUserCompute(slurm.tools());
        Path folder = Files.createDirectories(dir.resolve("home/Jobs/app/4213"));
        submission = new Submission("4213", "ucloud-4213", folder, folder.resolve("job.sbatch"), folder.resolve("stdout.txt"),
                folder.resolve("stderr.txt"), new Submission.Machine(1, 1, 0, Placement.DEFAULTS), Optional.empty(),
                Optional.empty());
    }

    @Test
    void submitRunsSbatchParsableOnTheScriptInTheJobFolder() throws Exception {
        slurm.answers("sbatch", 0, "4242\n", "");

        assertThat(compute.submit(submission)).isEqualTo("4242");
        assertThat(slurm.onlyCall("sbatch")).containsExactly("--parsable", submission.script().toString());
        assertThat(slurm.workingDirectory("sbatch")).isEqualTo(submission.folder().toRealPath());
        assertThat(slurm.environment("sbatch")).containsEntry("SLURM_CONF", slurm.slurmConf().toString());
    }

    @Test
    void submitReadsAnIdWithItsClusterName() throws Exception {
        slurm.answers("sbatch", 0, "4243;imsystest\n", "");

        assertThat(compute.submit(submission)).isEqualTo("4243");
    }

    @Test
    void aSubmissionSlurmRefusesIsTheRequestsInSlurmsWords() {
        slurm.answers("sbatch", 1, "", "sbatch: error: Batch job submission failed: "
                + "Invalid account or account/partition combination specified\n");

        assertRefused(() -> compute.submit(submission), true,
                "sbatch: error: Batch job submission failed: Invalid account or account/partition combination specified");
    }

    @Test
    void slurmsMessageLinesAreJoinedBySpaces() {
        slurm.answers("sbatch", 1, "", "sbatch: error: QOSMaxCpuPerUserLimit\n  sbatch: error: Batch job submission failed: "
                + "Job violates accounting/QOS policy\n");

        assertRefused(() -> compute.submit(submission), true, "sbatch: error: QOSMaxCpuPerUserLimit "
                + "sbatch: error: Batch job submission failed: Job violates accounting/QOS policy");
    }

    @Test
    void aHangingOrMissingSbatchOrOneThatPrintsNoIdIsTheSites() {
        assertRefused(() -> compute.submit(submission), false, "sbatch is not installed: " + slurm.bin().resolve("sbatch")
                + " is not an executable file (compute.slurmBin names the directory of the Slurm tools)");
        slurm.script("sbatch", "exec sleep 30");
        assertRefused(() -> compute.submit(submission), false,
                "sbatch did not finish within 800 ms and was stopped; Slurm may be overloaded or unreachable");
        slurm.answers("sbatch", 0, "Submitted batch job 12\n", "");
        assertRefused(() -> compute.submit(submission), false,
                "sbatch accepted the job but printed no job id: 'Submitted batch job 12'");
    }

    @Test
    void cancelRunsScancelOnTheId() throws Exception {
        slurm.answers("scancel", 0, "", "");

        compute.cancel("77");

        assertThat(slurm.onlyCall("scancel")).containsExactly("77");
    }

    @Test
    void cancellingAJobThatEndedOrThatSlurmForgotIsNoError() throws Exception {
        slurm.answers("scancel", 1, "", "scancel: error: Kill job error on job id 77: Job/step already completing or completed\n");
        compute.cancel("77");
        slurm.answers("scancel", 1, "", "scancel: error: Kill job error on job id 77: Invalid job id specified\n");
        compute.cancel("77");
        assertThat(slurm.argv("scancel")).hasSize(2);
    }

    @Test
    void cancellingAnotherUsersJobIsTheRequestsFaultInSlurmsWords() {
        slurm.answers("scancel", 210, "", "scancel: error: Kill job error on job id 77: Access/permission denied\n");

        assertRefused(() -> compute.cancel("77"), true, "scancel: error: Kill job error on job id 77: Access/permission denied");
    }

    @Test
    void anyOtherScancelFailureIsTheSites() {
        slurm.answers("scancel", 1, "", "scancel: error: Kill job error on job id 77: Unable to contact slurm controller\n");

        assertRefused(() -> compute.cancel("77"), false, "scancel: error: Kill job error on job id 77: Unable to contact slurm controller");
    }

    @Test
    void anIdThatIsNotDigitsNeverReachesATool() {
        for (String id : new String[] {"-u", "1,2", "--signal=KILL", "", "7 8"}) {
            assertRefused(() -> compute.cancel(id), true, "'" + id + "' is not a Slurm job id (1 to 10 digits)");
            assertRefused(() -> compute.status(id), true, "'" + id + "' is not a Slurm job id (1 to 10 digits)");
        }
        assertThat(Files.exists(slurm.bin().resolve("scancel"))).isFalse();
        assertThat(Files.exists(slurm.bin().resolve("squeue"))).isFalse();
    }

    @Test
    void aJobSqueueStillHoldsAsWaitingOrRunningHasSqueuesState() throws Exception {
        slurm.answers("squeue", 0, "77|imtalice|PENDING|1|0:00|Priority\n", "");

        assertThat(compute.status("77")).contains(new JobStatus(UcloudJobState.IN_QUEUE, "In queue (Priority)"));
        assertThat(slurm.onlyCall("squeue")).isEqualTo(SQUEUE_77);
        assertThat(slurm.argv("sacct")).isEmpty();
    }

    @Test
    void aJobSqueueForgotHasSacctsStateWithItsExitCode() throws Exception {
        slurm.answers("squeue", 1, "", UNKNOWN_TO_SQUEUE);
        slurm.answers("sacct", 0, "77|imtalice|FAILED|3:0|1|billing=1,cpu=1,mem=1G,node=1|None\n", "");

        assertThat(compute.status("77")).contains(new JobStatus(UcloudJobState.FAILURE, "Exited with code 3"));
        assertThat(slurm.onlyCall("sacct")).isEqualTo(SACCT_77);
    }

    @Test
    void aJobThatEndedIsAskedOfSacctForItsExitCodeAndSqueuesStateServesWithoutAccounting() throws Exception {
        slurm.answers("squeue", 0, "77|imtalice|FAILED|1|0:01|NonZeroExitCode\n", "");
        slurm.answers("sacct", 0, "77|imtalice|FAILED|0:9|1|cpu=1|None\n", "");
        assertThat(compute.status("77")).contains(new JobStatus(UcloudJobState.FAILURE, "Killed by signal 9"));

        slurm.answers("sacct", 1, "", "Slurm accounting storage is disabled\n");
        assertThat(compute.status("77")).contains(new JobStatus(UcloudJobState.FAILURE, "Failed"));

        slurm.answers("sacct", 1, "", "sacct: error: Problem talking to the database: Connection refused\n");
        assertThat(compute.status("77")).contains(new JobStatus(UcloudJobState.FAILURE, "Failed"));
    }

    @Test
    void squeueAndSacctTogetherStayWithinOneUserCallTimeout() throws Exception {
        SlurmTools tools = new SlurmTools(slurm.config().compute(), Map.of(),
                new SlurmTools.Limits(Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 16, 1 << 12));
        slurm.script("squeue", "sleep 1.5\necho '77|imtalice|COMPLETED|1|0:01|None'");
        slurm.script("sacct", "exec sleep 30");
        long started = System.nanoTime();

        assertThat(new SlurmUserCompute(tools).status("77")).contains(new JobStatus(UcloudJobState.SUCCESS, "Completed"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3000));
    }

    @Test
    void aJobNeitherKnowsHasNoStatus() throws Exception {
        slurm.answers("squeue", 1, "", UNKNOWN_TO_SQUEUE);
        slurm.answers("sacct", 0, "", "");
        assertThat(compute.status("77")).isEmpty();

        slurm.answers("sacct", 1, "", "Slurm accounting storage is disabled\n");
        assertThat(compute.status("77")).isEmpty();
    }

    @Test
    void whenNoToolCanAnswerTheStatusIsRefusedAsTheSites() {
        slurm.answers("squeue", 1, "", UNKNOWN_TO_SQUEUE);
        slurm.answers("sacct", 1, "", "sacct: error: Problem talking to the database: Connection refused\n");
        assertRefused(() -> compute.status("77"), false, "sacct: error: Problem talking to the database: Connection refused");

        slurm.answers("squeue", 1, "", "squeue: error: Unable to contact slurm controller (connect failure)\n");
        assertRefused(() -> compute.status("77"), false, "squeue: error: Unable to contact slurm controller (connect failure)");
    }

    @Test
    void directivesAreTheSubmissionsAndNoProcessIsKeptAlive() {
        assertThat(compute.directives(submission)).isEqualTo(SubmissionDirectives.of(submission));
        assertThat(compute.activeJobs()).isZero();
    }

    private static void assertRefused(ThrowingCallable call, boolean userError, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ComputeRefusal.class,
                e -> assertThat(e.userError()).as("userError of: %s", e.getMessage()).isEqualTo(userError)).hasMessage(message);
    }
}
