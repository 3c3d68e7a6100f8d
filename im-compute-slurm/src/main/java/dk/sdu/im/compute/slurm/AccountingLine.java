package dk.sdu.im.compute.slurm;

import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Observation;
import java.util.Objects;
import java.util.Optional;

/**
 * One job (the allocation, not its steps) as a line of {@code sacct --parsable2} reports it: what a poll needs
 * and nothing more.
 *
 * @param user the job's user; blank in sacct's output when Slurm cannot name it
 * @param reason why a job waits, absent when Slurm says "None"
 * @param elapsedSeconds wall time since the job started (0 while it waits)
 * @param cpus allocated CPUs ({@code cpu} in AllocTRES; 0 before the job starts)
 * @param gpus allocated GPUs ({@code gres/gpu} in AllocTRES; 0 when none)
 */
record AccountingLine(long jobId, Optional<String> user, SlurmState state, Optional<String> reason, ExitCode exitCode,
                      long elapsedSeconds, long cpus, long gpus) {
    AccountingLine {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(exitCode, "exitCode");
    }

    JobStatus status() {
        return StateTable.statusOf(state, reason, exitCode);
    }

    /**
     * What a poll reports: the state by decision 5, CPU and GPU seconds as allocated count times elapsed time. Slurm
     * 22.05's accounting names a job that still waits as root's (uid 0, seen here) until it starts, so a pending job's
     * user is reported as not known rather than as root.
     */
    Observation observation() {
        Optional<String> reported = state == SlurmState.PENDING && user.filter("root"::equals).isPresent()
                ? Optional.empty() : user;
        return new Observation(String.valueOf(jobId), reported, status(), Usage.times(cpus, elapsedSeconds),
                Usage.times(gpus, elapsedSeconds));
    }
}
