package dk.sdu.im.compute.local;

import dk.sdu.im.compute.backend.JobStatus;

import static dk.sdu.im.compute.backend.UcloudJobState.EXPIRED;
import static dk.sdu.im.compute.backend.UcloudJobState.FAILURE;
import static dk.sdu.im.compute.backend.UcloudJobState.SUCCESS;

/**
 * How a job came to an end, as decision 5 of the provider API notes and the Slurm backend's state table put it:
 * a non-zero exit or a signal is FAILURE, a user's cancellation SUCCESS, a time limit reached EXPIRED.
 */
enum Ending {
    /** The user cancelled it. */
    CANCELLED(new JobStatus(SUCCESS, "Cancelled")),
    /** It ran past its time limit. */
    TIME_LIMIT(new JobStatus(EXPIRED, "Reached its time limit")),
    /** The user instance running it stopped. */
    INSTANCE_STOPPED(new JobStatus(FAILURE, "Stopped: the module's user instance stopped"));

    final JobStatus status;

    Ending(JobStatus status) {
        this.status = status;
    }

    /**
     * The status of a script that ended by itself with {@code exitValue} as {@link Process#exitValue()} gives it.
     * Both Java (for a process killed by a signal) and bash (for a last command killed by one) report signal n as
     * 128 + n, so such a value is read as a signal when n names a standard one; a script's own {@code exit 137}
     * looks the same and is read the same way.
     */
    static JobStatus ofExit(int exitValue) {
        if (exitValue == 0) {
            return new JobStatus(SUCCESS, "Completed");
        }
        return Signal.nameOf(exitValue - 128)
                .map(name -> new JobStatus(FAILURE, "Killed by signal " + name))
                .orElseGet(() -> new JobStatus(FAILURE, "Exited with code " + exitValue));
    }
}
