package dk.sdu.im.compute.slurm;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One job (the allocation, not its steps) as {@code sacct --json} reports it.
 *
 * @param user the job's user; Slurm 22.05 writes {@code null} when the job has no accounting association
 *     (as on a cluster without associations), so it may be absent
 * @param reason {@code state.reason}, absent when Slurm says "None"
 * @param start absent until the job starts ({@code 0} in Slurm's output)
 * @param end absent until the job ends
 * @param allocatedTres allocated trackable resources with a count, keyed {@code type} or {@code type/name}
 *     (e.g. {@code cpu}, {@code node}, {@code gres/gpu})
 * @param killRequestUser who asked Slurm to cancel the job, if anyone did
 */
public record AccountingRecord(long jobId, Optional<String> user, SlurmState state, Optional<String> reason,
        ExitCode exitCode, Instant submitted, Optional<Instant> start, Optional<Instant> end, Duration elapsed,
        Map<String, Long> allocatedTres, Optional<String> killRequestUser) {
    public AccountingRecord {
        Objects.requireNonNull(user);
        Objects.requireNonNull(state);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(exitCode);
        Objects.requireNonNull(submitted);
        Objects.requireNonNull(start);
        Objects.requireNonNull(end);
        Objects.requireNonNull(elapsed);
        allocatedTres = Map.copyOf(allocatedTres);
        Objects.requireNonNull(killRequestUser);
    }

    /** The allocated CPUs ({@code cpu} TRES), if Slurm reported them. */
    public OptionalLong cpus() {
        Long count = allocatedTres.get("cpu");
        return count == null ? OptionalLong.empty() : OptionalLong.of(count);
    }
}
