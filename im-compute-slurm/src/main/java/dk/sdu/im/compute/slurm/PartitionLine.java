package dk.sdu.im.compute.slurm;

import dk.sdu.im.compute.backend.QueueStatus;
import java.util.Objects;

/**
 * A partition's nodes as one line of {@code sinfo -o} reports them ({@link SinfoText}); sinfo may print several
 * lines for one partition (nodes of different configurations), which {@link #plus} adds up.
 *
 * @param name the partition, without sinfo's {@code *}
 * @param isDefault whether it is the default partition (sinfo's trailing {@code *})
 * @param availability {@code up}, {@code down}, {@code drain} or {@code inact}
 */
record PartitionLine(String name, boolean isDefault, String availability, long allocatedCpus, long idleCpus,
                     long otherCpus, long totalCpus) {
    PartitionLine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(availability, "availability");
    }

    /**
     * AVAILABLE when the partition is up and has an idle CPU; BUSY when it is up and every usable CPU is allocated;
     * FULL when it is down, drained or inactive, or when none of its CPUs is usable (all on nodes that are down or
     * drained, or no nodes at all), since then a job cannot start however long it waits.
     */
    QueueStatus queueStatus() {
        if (!availability.equals("up")) {
            return QueueStatus.FULL;
        }
        if (idleCpus > 0) {
            return QueueStatus.AVAILABLE;
        }
        return allocatedCpus > 0 ? QueueStatus.BUSY : QueueStatus.FULL;
    }

    /** This line and another of the same partition as one. */
    PartitionLine plus(PartitionLine more) {
        return new PartitionLine(name, isDefault || more.isDefault, availability, allocatedCpus + more.allocatedCpus,
                idleCpus + more.idleCpus, otherCpus + more.otherCpus, totalCpus + more.totalCpus);
    }
}
