package dk.sdu.im.compute.slurm;

import java.util.List;
import java.util.Optional;

/**
 * A job state as Slurm 22.05 names it in {@code sacct --json}'s {@code state.current} and {@code squeue
 * --json}'s {@code job_state} (the names of {@code job_state_string()}, base states and the state flags it
 * reports instead); {@code sacct --parsable2} and {@code squeue -o %T} print the same names. A name not listed
 * here is refused rather than guessed at.
 */
public enum SlurmState {
    PENDING, RUNNING, SUSPENDED, COMPLETED, CANCELLED, FAILED, TIMEOUT, NODE_FAIL, PREEMPTED, BOOT_FAIL,
    DEADLINE, OUT_OF_MEMORY,
    // Flags job_state_string() reports in place of the base state.
    COMPLETING, CONFIGURING, POWER_UP_NODE, REQUEUED, REQUEUE_FED, REQUEUE_HOLD, RESIZING, RESV_DEL_HOLD,
    REVOKED, SIGNALING, SPECIAL_EXIT, STAGE_OUT, STOPPED, LAUNCH_FAILED, UPDATE_DB;

    private static final List<SlurmState> ALL = List.of(values());

    /** The state Slurm wrote as {@code name}, found at {@code path} (for the message if it is unknown). */
    static SlurmState named(String name, String path) {
        return find(name, 0, name.length())
                .orElseThrow(() -> new SlurmJsonException(path + ": unknown Slurm job state '" + name + "'"));
    }

    /**
     * The state whose name is exactly {@code text} from {@code from} to {@code to} (upper case, as Slurm prints
     * it); empty for any other text. Reads in place, so a parser need not cut the name out first.
     */
    static Optional<SlurmState> find(String text, int from, int to) {
        for (SlurmState state : ALL) {
            String name = state.name();
            if (name.length() == to - from && text.regionMatches(from, name, 0, name.length())) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
