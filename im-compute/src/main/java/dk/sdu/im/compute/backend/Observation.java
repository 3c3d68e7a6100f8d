package dk.sdu.im.compute.backend;

import java.util.Objects;
import java.util.Optional;

/**
 * What the scheduler says about one job at one moment.
 *
 * @param providerJobId the scheduler's id, as {@link UserCompute#submit} returned it
 * @param user the Unix account the job runs as, when the scheduler says (IM/Server ignores an observation whose
 *     user is not the job's)
 * @param status the UCloud state and a text for the user
 * @param cpuSeconds allocated CPUs times elapsed seconds, so far
 * @param gpuSeconds allocated GPUs times elapsed seconds, so far
 */
public record Observation(String providerJobId, Optional<String> user, JobStatus status, long cpuSeconds,
                          long gpuSeconds) {
    public Observation {
        Objects.requireNonNull(providerJobId, "providerJobId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(status, "status");
        if (cpuSeconds < 0 || gpuSeconds < 0) {
            throw new IllegalArgumentException("usage must not be negative");
        }
    }
}
