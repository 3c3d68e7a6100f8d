package dk.sdu.im.compute.slurm;

import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.UcloudJobState;
import static dk.sdu.im.compute.backend.UcloudJobState.EXPIRED;
import static dk.sdu.im.compute.backend.UcloudJobState.FAILURE;
import static dk.sdu.im.compute.backend.UcloudJobState.IN_QUEUE;
import static dk.sdu.im.compute.backend.UcloudJobState.RUNNING;
import static dk.sdu.im.compute.backend.UcloudJobState.SUCCESS;
import static dk.sdu.im.compute.backend.UcloudJobState.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateTableTest {
    /** A made-up accounting record: job 42 of alice in {@code state}, ended with {@code exit}. */
    private static AccountingRecord job(SlurmState state, ExitCode exit) {
        return new AccountingRecord(42, Optional.of("alice"), state, Optional.empty(), exit, Instant.EPOCH,
                Optional.empty(), Optional.empty(), Duration.ZERO, Map.of("cpu", 2L), Optional.empty());
    }

    private static JobStatus status(SlurmState state, ExitCode exit) {
        return StateTable.statusOf(job(state, exit));
    }

    private static final Map<SlurmState, JobStatus> WITH_EXIT_ZERO = table();

    private static Map<SlurmState, JobStatus> table() {
        Map<SlurmState, JobStatus> t = new EnumMap<>(SlurmState.class);
        t.put(SlurmState.PENDING, new JobStatus(IN_QUEUE, "In queue"));
        t.put(SlurmState.CONFIGURING, new JobStatus(IN_QUEUE, "Starting: nodes are being prepared"));
        t.put(SlurmState.POWER_UP_NODE, new JobStatus(IN_QUEUE, "Starting: nodes are being prepared"));
        t.put(SlurmState.REQUEUED, new JobStatus(IN_QUEUE, "Requeued"));
        t.put(SlurmState.REQUEUE_FED, new JobStatus(IN_QUEUE, "Requeued"));
        t.put(SlurmState.REQUEUE_HOLD, new JobStatus(IN_QUEUE, "Requeued"));
        t.put(SlurmState.RESV_DEL_HOLD, new JobStatus(IN_QUEUE, "Requeued"));
        t.put(SlurmState.RUNNING, new JobStatus(RUNNING, "Running"));
        t.put(SlurmState.RESIZING, new JobStatus(RUNNING, "Running"));
        t.put(SlurmState.SIGNALING, new JobStatus(RUNNING, "Running"));
        t.put(SlurmState.UPDATE_DB, new JobStatus(RUNNING, "Running"));
        t.put(SlurmState.COMPLETING, new JobStatus(RUNNING, "Finishing"));
        t.put(SlurmState.STAGE_OUT, new JobStatus(RUNNING, "Finishing"));
        t.put(SlurmState.SUSPENDED, new JobStatus(SUSPENDED, "Suspended"));
        t.put(SlurmState.STOPPED, new JobStatus(SUSPENDED, "Suspended"));
        t.put(SlurmState.COMPLETED, new JobStatus(SUCCESS, "Completed"));
        t.put(SlurmState.FAILED, new JobStatus(FAILURE, "Failed"));
        t.put(SlurmState.OUT_OF_MEMORY, new JobStatus(FAILURE, "Killed: out of memory"));
        t.put(SlurmState.NODE_FAIL, new JobStatus(FAILURE, "The node failed"));
        t.put(SlurmState.PREEMPTED, new JobStatus(FAILURE, "Preempted"));
        t.put(SlurmState.CANCELLED, new JobStatus(SUCCESS, "Cancelled"));
        t.put(SlurmState.TIMEOUT, new JobStatus(EXPIRED, "Reached its time limit"));
        t.put(SlurmState.BOOT_FAIL, new JobStatus(FAILURE, "Failed (Slurm state BOOT_FAIL)"));
        t.put(SlurmState.DEADLINE, new JobStatus(FAILURE, "Failed (Slurm state DEADLINE)"));
        t.put(SlurmState.REVOKED, new JobStatus(FAILURE, "Failed (Slurm state REVOKED)"));
        t.put(SlurmState.SPECIAL_EXIT, new JobStatus(FAILURE, "Failed (Slurm state SPECIAL_EXIT)"));
        t.put(SlurmState.LAUNCH_FAILED, new JobStatus(FAILURE, "Failed (Slurm state LAUNCH_FAILED)"));
        return t;
    }

    @Test
    void everySlurmStateHasItsRow() {
        assertThat(WITH_EXIT_ZERO.keySet()).containsExactlyInAnyOrder(SlurmState.values());
        for (SlurmState state : SlurmState.values()) {
            assertThat(status(state, new ExitCode.Exited(0))).as("%s", state).isEqualTo(WITH_EXIT_ZERO.get(state));
        }
    }

    @Test
    void onlySuccessFailureAndExpiredAreFinal() {
        assertThat(WITH_EXIT_ZERO.values().stream().filter(JobStatus::isFinal).map(JobStatus::state).distinct())
                .containsExactlyInAnyOrder(SUCCESS, FAILURE, EXPIRED);
        assertThat(status(SlurmState.RUNNING, new ExitCode.Unknown()).isFinal()).isFalse();
        assertThat(status(SlurmState.TIMEOUT, new ExitCode.Unknown()).isFinal()).isTrue();
    }

    @Test
    void aNonZeroExitIsAFailureWhetherSlurmSaysCompletedOrFailed() {
        assertThat(status(SlurmState.COMPLETED, new ExitCode.Exited(3))).isEqualTo(new JobStatus(FAILURE, "Exited with code 3"));
        assertThat(status(SlurmState.FAILED, new ExitCode.Exited(127))).isEqualTo(new JobStatus(FAILURE, "Exited with code 127"));
        assertThat(status(SlurmState.COMPLETED, new ExitCode.Unknown())).isEqualTo(new JobStatus(SUCCESS, "Completed"));
        assertThat(status(SlurmState.FAILED, new ExitCode.Unknown())).isEqualTo(new JobStatus(FAILURE, "Failed"));
    }

    @Test
    void aSignalKillIsAFailureNamingTheSignal() {
        assertThat(status(SlurmState.FAILED, new ExitCode.Signaled(9, Optional.of("Killed"))))
                .isEqualTo(new JobStatus(FAILURE, "Killed by signal Killed"));
        assertThat(status(SlurmState.COMPLETED, new ExitCode.Signaled(11, Optional.of("Segmentation fault"))))
                .isEqualTo(new JobStatus(FAILURE, "Killed by signal Segmentation fault"));
        assertThat(status(SlurmState.FAILED, new ExitCode.Signaled(6, Optional.empty())))
                .isEqualTo(new JobStatus(FAILURE, "Killed by signal 6"));
    }

    /** The state decides for these, whatever the exit code says: a cancel's SIGTERM is not a failure. */
    @Test
    void theStateWinsOverTheExitCodeForKillsCancelsAndLimits() {
        ExitCode term = new ExitCode.Signaled(15, Optional.of("Terminated"));
        assertThat(status(SlurmState.CANCELLED, term)).isEqualTo(new JobStatus(SUCCESS, "Cancelled"));
        assertThat(status(SlurmState.TIMEOUT, term)).isEqualTo(new JobStatus(EXPIRED, "Reached its time limit"));
        assertThat(status(SlurmState.OUT_OF_MEMORY, new ExitCode.Exited(0))).isEqualTo(new JobStatus(FAILURE, "Killed: out of memory"));
        assertThat(status(SlurmState.NODE_FAIL, new ExitCode.Exited(1))).isEqualTo(new JobStatus(FAILURE, "The node failed"));
        assertThat(status(SlurmState.PREEMPTED, term)).isEqualTo(new JobStatus(FAILURE, "Preempted"));
    }

    @Test
    void aPendingJobShowsSlurmsReason() {
        AccountingRecord pending = new AccountingRecord(42, Optional.empty(), SlurmState.PENDING, Optional.of("Priority"),
                new ExitCode.Unknown(), Instant.EPOCH, Optional.empty(), Optional.empty(), Duration.ZERO, Map.of(),
                Optional.empty());
        assertThat(StateTable.statusOf(pending)).isEqualTo(new JobStatus(IN_QUEUE, "In queue (Priority)"));
    }
}
