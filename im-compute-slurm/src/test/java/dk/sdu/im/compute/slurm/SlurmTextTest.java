package dk.sdu.im.compute.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Observation;
import dk.sdu.im.compute.backend.QueueStatus;
import dk.sdu.im.compute.backend.UcloudJobState;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** squeue's and sinfo's text, as the formats of {@link SqueueText} and {@link SinfoText} print it. */
class SlurmTextTest {
    @Test
    void readsSqueueLinesWithTheirTimeUsed() {
        Columns.Rows<QueueLine> rows = SqueueText.parse("""
                31|imtalice|RUNNING|2|1-02:03:04|None
                32|imtalice|PENDING|4|0:00|Priority
                33|imtbob|COMPLETED|1|2:03|None
                34|imtbob|RUNNING|1|1:00:00|None
                35|imtbob|RUNNING|1|INVALID|None
                """);
        assertThat(rows.refused()).isEmpty();
        assertThat(rows.rows()).extracting(QueueLine::elapsedSeconds).containsExactly(93_784L, 0L, 123L, 3600L, 0L);
        assertThat(rows.rows().getFirst().observation()).isEqualTo(new Observation("31", Optional.of("imtalice"),
                new JobStatus(UcloudJobState.RUNNING, "Running"), 187_568, 0));
        assertThat(rows.rows().get(1).status()).isEqualTo(new JobStatus(UcloudJobState.IN_QUEUE, "In queue (Priority)"));
        assertThat(rows.rows().get(2).status()).isEqualTo(new JobStatus(UcloudJobState.SUCCESS, "Completed"));
    }

    @Test
    void namesSqueueLinesItCannotRead() {
        assertThat(SqueueText.parse("31|a|RUNNING|2|1:xx|None\n32|a|WAITING|1|0:00|None").refused()).containsExactly(
                "squeue printed a line that is not as expected ('xx' is not a number): 31|a|RUNNING|2|1:xx|None",
                "squeue printed a line that is not as expected (unknown Slurm job state 'WAITING'): 32|a|WAITING|1|0:00|None");
    }

    @Test
    void readsSinfoPartitionsAddingUpTheirLines() {
        Columns.Rows<PartitionLine> rows = SinfoText.parse("""
                debug*|up|1/1/0/2
                gpu|up|4/0/0/4
                gpu|up|2/0/2/4
                old|down|0/0/8/8
                """);
        assertThat(rows.refused()).isEmpty();
        assertThat(SinfoText.byName(rows.rows())).containsExactly(
                java.util.Map.entry("debug", new PartitionLine("debug", true, "up", 1, 1, 0, 2)),
                java.util.Map.entry("gpu", new PartitionLine("gpu", false, "up", 6, 0, 2, 8)),
                java.util.Map.entry("old", new PartitionLine("old", false, "down", 0, 0, 8, 8)));
    }

    @Test
    void aPartitionIsAvailableWithAnIdleCpuBusyWhenAllAreInUseAndFullWhenNoneCanRunAJob() {
        assertThat(new PartitionLine("p", false, "up", 1, 1, 0, 2).queueStatus()).isEqualTo(QueueStatus.AVAILABLE);
        assertThat(new PartitionLine("p", false, "up", 2, 0, 0, 2).queueStatus()).isEqualTo(QueueStatus.BUSY);
        assertThat(new PartitionLine("p", false, "up", 1, 0, 1, 2).queueStatus()).isEqualTo(QueueStatus.BUSY);
        assertThat(new PartitionLine("p", false, "up", 0, 0, 2, 2).queueStatus()).as("every node down or drained")
                .isEqualTo(QueueStatus.FULL);
        assertThat(new PartitionLine("p", false, "up", 0, 0, 0, 0).queueStatus()).as("no nodes").isEqualTo(QueueStatus.FULL);
        for (String state : new String[] {"down", "drain", "inact"}) {
            assertThat(new PartitionLine("p", false, state, 0, 2, 0, 2).queueStatus()).as(state).isEqualTo(QueueStatus.FULL);
        }
    }

    @Test
    void namesSinfoLinesItCannotRead() {
        assertThat(SinfoText.parse("debug*|up|1/1/0\n*|up|0/0/0/0\ndebug|up|1/1/0/2/3").refused()).containsExactly(
                "sinfo printed a line that is not as expected (CPUs are not allocated/idle/other/total): debug*|up|1/1/0",
                "sinfo printed a line that is not as expected (no partition name): *|up|0/0/0/0",
                "sinfo printed a line that is not as expected ('2/3' is not a number): debug|up|1/1/0/2/3");
    }
}
