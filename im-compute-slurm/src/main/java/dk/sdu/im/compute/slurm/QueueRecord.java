package dk.sdu.im.compute.slurm;

import java.util.Objects;

/** One job as {@code squeue --json} lists it. In 22.05 that includes jobs finished within MinJobAge. */
public record QueueRecord(long jobId, String user, SlurmState state) {
    public QueueRecord {
        Objects.requireNonNull(user);
        Objects.requireNonNull(state);
    }
}
