package dk.sdu.im.compute.slurm;

import dk.sdu.im.compute.backend.JobStatus;
import java.util.Optional;

import static dk.sdu.im.compute.backend.UcloudJobState.EXPIRED;
import static dk.sdu.im.compute.backend.UcloudJobState.FAILURE;
import static dk.sdu.im.compute.backend.UcloudJobState.IN_QUEUE;
import static dk.sdu.im.compute.backend.UcloudJobState.RUNNING;
import static dk.sdu.im.compute.backend.UcloudJobState.SUCCESS;
import static dk.sdu.im.compute.backend.UcloudJobState.SUSPENDED;

/**
 * Decision 5: a non-zero exit, a signal or an out-of-memory kill is FAILURE; a user's cancellation is
 * SUCCESS; a time limit reached is EXPIRED. The switch is exhaustive without a default, so a state added
 * to {@link SlurmState} does not compile until it is given a row here.
 */
public final class StateTable {
    private StateTable() {}

    public static JobStatus statusOf(AccountingRecord job) {
        return statusOf(job.state(), job.reason(), job.exitCode());
    }

    /**
     * The same for a job known only by its state, the reason Slurm gives for it ("None" already left out) and
     * how its script ended, as {@code sacct --parsable2} and {@code squeue} report them.
     */
    public static JobStatus statusOf(SlurmState state, Optional<String> reason, ExitCode exitCode) {
        return switch (state) {
            case PENDING -> new JobStatus(IN_QUEUE, reason.map(r -> "In queue (" + r + ")").orElse("In queue"));
            case CONFIGURING, POWER_UP_NODE -> new JobStatus(IN_QUEUE, "Starting: nodes are being prepared");
            case REQUEUED, REQUEUE_FED, REQUEUE_HOLD, RESV_DEL_HOLD -> new JobStatus(IN_QUEUE, "Requeued");
            case RUNNING, RESIZING, SIGNALING, UPDATE_DB -> new JobStatus(RUNNING, "Running");
            case COMPLETING, STAGE_OUT -> new JobStatus(RUNNING, "Finishing");
            case SUSPENDED, STOPPED -> new JobStatus(SUSPENDED, "Suspended");
            case COMPLETED -> ended(exitCode, new JobStatus(SUCCESS, "Completed"));
            case FAILED -> ended(exitCode, new JobStatus(FAILURE, "Failed"));
            case OUT_OF_MEMORY -> new JobStatus(FAILURE, "Killed: out of memory");
            case NODE_FAIL -> new JobStatus(FAILURE, "The node failed");
            case PREEMPTED -> new JobStatus(FAILURE, "Preempted");
            case CANCELLED -> new JobStatus(SUCCESS, "Cancelled");
            case TIMEOUT -> new JobStatus(EXPIRED, "Reached its time limit");
            case BOOT_FAIL, DEADLINE, REVOKED, SPECIAL_EXIT, LAUNCH_FAILED ->
                    new JobStatus(FAILURE, "Failed (Slurm state " + state + ")");
        };
    }

    /** A job that ran to its end: its exit code decides, {@code otherwise} when that says nothing against it. */
    private static JobStatus ended(ExitCode exit, JobStatus otherwise) {
        return switch (exit) {
            case ExitCode.Signaled(int id, var name) ->
                    new JobStatus(FAILURE, "Killed by signal " + name.orElse(String.valueOf(id)));
            case ExitCode.Exited(int code) when code != 0 -> new JobStatus(FAILURE, "Exited with code " + code);
            case ExitCode.Exited e -> otherwise;
            case ExitCode.Unknown u -> otherwise;
        };
    }
}
