package dk.sdu.im.db;

import java.util.List;

/**
 * The monitor's record of the jobs it follows (V3 migration). A state is written here only after UCloud accepted
 * it, so after a restart the monitor resends at most the last one, and that resend carries
 * {@code expectedDifferentState} so UCloud records it once. Thread-safe; one statement per call.
 */
public interface TrackedJobs {
    /** Starts tracking; false if the UCloud job is tracked already. */
    boolean track(TrackedJob job);

    /** Jobs not ended, oldest first. */
    List<TrackedJob> active();

    /** Records the state UCloud accepted, and whether the job is now over (with its final usage). */
    void delivered(String ucloudId, String state, boolean ended, long cpuSeconds, long gpuSeconds);

    /** UCloud no longer knows the job: it is never polled again. */
    void forget(String ucloudId);

    /** Usage of ended jobs, summed per owner (project, or user when the project is empty) and category. */
    List<UsageTotal> endedUsage();

    /** One owner's usage of one category. */
    record UsageTotal(String ucloudUser, String project, String category, long cpuSeconds, long gpuSeconds) {
    }
}
