package dk.sdu.im.compute.slurm;

import static dk.sdu.im.compute.backend.UcloudJobState.EXPIRED;
import static dk.sdu.im.compute.backend.UcloudJobState.FAILURE;
import static dk.sdu.im.compute.backend.UcloudJobState.IN_QUEUE;
import static dk.sdu.im.compute.backend.UcloudJobState.RUNNING;
import static dk.sdu.im.compute.backend.UcloudJobState.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Observation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SacctParsableTest {
    /** Lines as 22.05 prints them for sacct -X -n -P --format=JobIDRaw,User,State,ExitCode,ElapsedRaw,AllocTRES,Reason. */
    private static final String OUTPUT = """
            5|imtalice|COMPLETED|0:0|1|billing=1,cpu=1,mem=500M,node=1|None
            4|imtalice|FAILED|3:0|1|billing=1,cpu=1,mem=500M,node=1|None
            6|imtalice|CANCELLED by 1001|0:15|42|billing=2,cpu=2,mem=1G,node=1|None
            7|imtbob|TIMEOUT|0:1|120|billing=4,cpu=4,mem=4G,node=1,gres/gpu=2|None
            8|imtalice|OUT_OF_MEMORY|0:125|30|billing=1,cpu=1,mem=100M,node=1|None
            9|imtalice|NODE_FAIL|0:0|600|billing=8,cpu=8,mem=16G,node=2|None
            10|imtalice|PENDING|0:0|0||Dependency
            11|imtalice|RUNNING|0:0|65|billing=2,cpu=2,gres/gpu:a100=1,gres/gpu=1,mem=2G,node=1|None
            12|imtalice|FAILED|0:9|3|billing=1,cpu=1,mem=500M,node=1|None
            13|imtalice|PREEMPTED|0:15|10|billing=1,cpu=1,mem=500M,node=1|None
            14||COMPLETED|0:0|2|cpu=1|None
            """;

    private static List<AccountingLine> rows(String text) {
        Columns.Rows<AccountingLine> rows = SacctParsable.parse(text);
        assertThat(rows.refused()).isEmpty();
        return rows.rows();
    }

    @Test
    void readsEveryColumnOfACompletedJob() {
        assertThat(rows(OUTPUT).getFirst()).isEqualTo(new AccountingLine(5, Optional.of("imtalice"), SlurmState.COMPLETED,
                Optional.empty(), new ExitCode.Exited(0), 1, 1, 0));
    }

    @Test
    void mapsEachEndingByDecisionFive() {
        assertThat(rows(OUTPUT).stream().map(AccountingLine::status)).containsExactly(
                new JobStatus(SUCCESS, "Completed"),
                new JobStatus(FAILURE, "Exited with code 3"),
                new JobStatus(SUCCESS, "Cancelled"),
                new JobStatus(EXPIRED, "Reached its time limit"),
                new JobStatus(FAILURE, "Killed: out of memory"),
                new JobStatus(FAILURE, "The node failed"),
                new JobStatus(IN_QUEUE, "In queue (Dependency)"),
                new JobStatus(RUNNING, "Running"),
                new JobStatus(FAILURE, "Killed by signal 9"),
                new JobStatus(FAILURE, "Preempted"),
                new JobStatus(SUCCESS, "Completed"));
    }

    @Test
    void readsExitCodesAsCodeColonSignal() {
        assertThat(rows(OUTPUT).stream().map(AccountingLine::exitCode).limit(5)).containsExactly(
                new ExitCode.Exited(0), new ExitCode.Exited(3), new ExitCode.Signaled(15, Optional.empty()),
                new ExitCode.Signaled(1, Optional.empty()), new ExitCode.Signaled(125, Optional.empty()));
        assertThat(rows("1|a|FAILED||0||None").getFirst().exitCode()).isEqualTo(new ExitCode.Unknown());
        assertThat(rows("1|a|FAILED|2|0||None").getFirst().exitCode()).isEqualTo(new ExitCode.Exited(2));
    }

    @Test
    void aPendingJobThatAccountingNamesRootHasNoKnownUserButARunningOneKeepsWhatSlurmSays() {
        // 22.05 records a waiting job as uid 0 until it starts (seen on the test cluster).
        assertThat(rows("15|root|PENDING|0:0|0||Priority").getFirst().observation().user()).isEmpty();
        assertThat(rows("16|imtalice|PENDING|0:0|0||Priority").getFirst().observation().user()).contains("imtalice");
        assertThat(rows("17|root|RUNNING|0:0|5|cpu=1|None").getFirst().observation().user()).contains("root");
    }

    @Test
    void countsCpuAndGpuSecondsFromAllocatedTresAndElapsedTime() {
        List<AccountingLine> rows = rows(OUTPUT);
        assertThat(rows.get(3).observation()).isEqualTo(new Observation("7", Optional.of("imtbob"),
                new JobStatus(EXPIRED, "Reached its time limit"), 480, 240));
        assertThat(rows.get(7).gpus()).as("gres/gpu, not the typed gres/gpu:a100 counted again").isEqualTo(1);
        assertThat(rows.get(7).observation().cpuSeconds()).isEqualTo(130);
        assertThat(rows.get(6).observation()).as("a pending job has no allocation yet")
                .isEqualTo(new Observation("10", Optional.of("imtalice"), new JobStatus(IN_QUEUE, "In queue (Dependency)"), 0, 0));
        assertThat(rows.get(10).user()).as("a blank user").isEmpty();
    }

    @Test
    void readsNothingFromNothing() {
        assertThat(rows("")).isEmpty();
        assertThat(rows("\n  \n")).isEmpty();
    }

    @Test
    void namesTheLinesItCannotReadAndReadsTheRest() {
        Columns.Rows<AccountingLine> rows = SacctParsable.parse("""
                20|a|DONE|0:0|1|cpu=1|None
                x|a|RUNNING|0:0|1|cpu=1|None
                21|a|RUNNING
                22|a|RUNNING|0:0|1|cpu=1|None
                23|a|RUNNING|0:0|1|cpu=one|None
                """);
        assertThat(rows.rows()).extracting(AccountingLine::jobId).containsExactly(22L);
        assertThat(rows.refused()).containsExactly(
                "sacct printed a line that is not as expected (unknown Slurm job state 'DONE'): 20|a|DONE|0:0|1|cpu=1|None",
                "sacct printed a line that is not as expected ('x' is not a number): x|a|RUNNING|0:0|1|cpu=1|None",
                "sacct printed a line that is not as expected (too few columns): 21|a|RUNNING",
                "sacct printed a line that is not as expected ('one' is not a number): 23|a|RUNNING|0:0|1|cpu=one|None");
    }

    @Test
    void refusesNumbersTooLongToBeSlurms() {
        assertThat(SacctParsable.parse("1234567890123456789|a|RUNNING|0:0|1|cpu=1|None").refused()).hasSize(1);
        assertThat(SacctParsable.parse("1|a|FAILED|99999999999:0|1|cpu=1|None").refused()).hasSize(1);
    }
}
