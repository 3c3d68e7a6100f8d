package dk.sdu.im.compute.local;

import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Observation;
import dk.sdu.im.compute.backend.UcloudJobState;
import java.util.Optional;
import dk.sdu.im.compute.backend.QueueStatus;
import dk.sdu.im.compute.backend.ServerCompute;
import dk.sdu.im.config.ProductCategory;
import dk.sdu.im.config.ProductType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IM/Server's half of the local backend: nothing to check and nothing to poll, since each user's instance runs
 * and reports its own jobs. A category's placement is ignored rather than reported as a problem (a problem stops
 * start-up, and a development machine's categories may well name partitions).
 */
final class LocalServerCompute implements ServerCompute {
    @Override
    public List<String> problems(List<ProductCategory> categories) {
        return List.of();
    }

    /** Every compute category is available: jobs start at once, without a queue. */
    @Override
    public Map<String, QueueStatus> queueStatus(List<ProductCategory> categories) {
        Map<String, QueueStatus> statuses = new LinkedHashMap<>();
        for (ProductCategory category : categories) {
            if (category.type() == ProductType.COMPUTE) {
                statuses.put(category.name(), QueueStatus.AVAILABLE);
            }
        }
        return statuses;
    }

    /** Nothing: the jobs' states arrive through the user instances' observation sinks. */
    @Override
    public List<Observation> poll(Collection<String> providerJobIds) {
        return List.of();
    }

    /**
     * A local job lives in its user's instance, which stops its jobs when it loses IM/Server and cannot report them
     * then: every job still open when IM/Server starts again has failed.
     */
    @Override
    public List<Observation> orphaned(Collection<String> providerJobIds) {
        JobStatus stopped = new JobStatus(UcloudJobState.FAILURE, "Stopped: the provider restarted while the job ran");
        return providerJobIds.stream().map(id -> new Observation(id, Optional.empty(), stopped, 0, 0)).toList();
    }
}
