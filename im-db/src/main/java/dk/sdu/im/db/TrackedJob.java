package dk.sdu.im.db;

import java.util.Objects;
import java.util.Optional;

/**
 * A job IM/Server's monitor follows.
 *
 * @param ucloudId Core's job id
 * @param providerId the backend's id (the Slurm job id)
 * @param ucloudUser who submitted it at UCloud (the instance's assigned user)
 * @param localUser the local account it runs as
 * @param project the UCloud project it belongs to, or empty for the personal workspace
 * @param category the compute category it is charged to
 * @param lastState the last state UCloud accepted for it, empty before the first
 * @param ended whether it is over for the monitor (a final state was delivered, or UCloud forgot it)
 * @param cpuSeconds CPUs times seconds used, as last recorded (kept up to date for ended jobs)
 * @param gpuSeconds GPUs times seconds used, likewise
 * @param submittedAtMillis when IM/Server started tracking it
 */
public record TrackedJob(String ucloudId, String providerId, String ucloudUser, String localUser, String project,
                         String category, Optional<String> lastState, boolean ended, long cpuSeconds, long gpuSeconds,
                         long submittedAtMillis) {
    public TrackedJob {
        Objects.requireNonNull(ucloudId, "ucloudId");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(ucloudUser, "ucloudUser");
        Objects.requireNonNull(localUser, "localUser");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(lastState, "lastState");
    }

    /** A job just submitted: nothing delivered yet, no usage. */
    public static TrackedJob submitted(String ucloudId, String providerId, String ucloudUser, String localUser,
                                       String project, String category, long nowMillis) {
        return new TrackedJob(ucloudId, providerId, ucloudUser, localUser, project, category, Optional.empty(), false,
                0, 0, nowMillis);
    }
}
