package dk.sdu.im.compute.slurm;

import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Observation;
import java.util.Objects;
import java.util.Optional;

/**
 * One job as a line of {@code squeue -o} reports it ({@link SqueueText}): slurmctld's view, which has no exit
 * code and no GPU count, and forgets a job MinJobAge after it ended.
 *
 * @param cpus CPUs requested, or allocated once the job runs
 * @param elapsedSeconds time used so far
 * @param reason why a job waits, absent when squeue says "None"
 */
record QueueLine(long jobId, String user, SlurmState state, long cpus, long elapsedSeconds, Optional<String> reason) {
    QueueLine {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }

    /** The state by decision 5; without an exit code the state alone decides (COMPLETED is exit 0 in Slurm). */
    JobStatus status() {
        return StateTable.statusOf(state, reason, new ExitCode.Unknown());
    }

    /** What a poll reports when there is no accounting: CPU seconds as CPUs times time used, no GPU seconds. */
    Observation observation() {
        return new Observation(String.valueOf(jobId), Optional.of(user), status(), Usage.times(cpus, elapsedSeconds), 0);
    }
}
