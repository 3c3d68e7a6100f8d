package dk.sdu.im.compute.slurm;

import java.util.Arrays;

/**
 * A job state as Slurm 22.05 names it in {@code sacct --json}'s {@code state.current} and {@code squeue
 * --json}'s {@code job_state} (the names of {@code job_state_string()}, base states and the state flags it
 * reports instead). A name not listed here is refused rather than guessed at.
 */
public enum SlurmState {
    PENDING, RUNNING, SUSPENDED, COMPLETED, CANCELLED, FAILED, TIMEOUT, NODE_FAIL, PREEMPTED, BOOT_FAIL,
    DEADLINE, OUT_OF_MEMORY,
    // Flags job_state_string() reports in place of the base state.
    COMPLETING, CONFIGURING, POWER_UP_NODE, REQUEUED, REQUEUE_FED, REQUEUE_HOLD, RESIZING, RESV_DEL_HOLD,
    REVOKED, SIGNALING, SPECIAL_EXIT, STAGE_OUT, STOPPED, LAUNCH_FAILED, UPDATE_DB;

    /** The state Slurm wrote as {@code name}, found at {@code path} (for the message if it is unknown). */
    static SlurmState named(String name, String path) {
        return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new SlurmJsonException(path + ": unknown Slurm job state '" + name + "'"));
    }
}
