package dk.sdu.im.compute.backend;

import dk.sdu.im.config.ProductCategory;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The IM/Server half of a backend, as the service account: it only reads the scheduler's state, never acts on a
 * job (cancelling is the user's, through {@link UserCompute}).
 */
public interface ServerCompute {
    /** Problems with the configured compute categories (e.g. a partition Slurm does not know), each one sentence. */
    List<String> problems(List<ProductCategory> categories) throws ComputeRefusal;

    /** How busy each category's machines are now, keyed by category name; categories not known are left out. */
    Map<String, QueueStatus> queueStatus(List<ProductCategory> categories);

    /**
     * One look at every job in {@code providerJobIds}, in one scheduler call, never one per job. Jobs the scheduler
     * does not report are left out. Backends that report by themselves (through {@link ObservationSink}) return
     * nothing.
     */
    List<Observation> poll(Collection<String> providerJobIds) throws ComputeRefusal;

    /**
     * What became of jobs that were running when IM/Server last stopped, as far as this backend knows without asking:
     * nothing for a scheduler, which keeps its jobs and is polled; the final state of jobs that cannot have outlived
     * IM/Server (the local backend's die with their instance, which exits when it loses IM/Server).
     */
    default List<Observation> orphaned(Collection<String> providerJobIds) {
        return List.of();
    }
}
