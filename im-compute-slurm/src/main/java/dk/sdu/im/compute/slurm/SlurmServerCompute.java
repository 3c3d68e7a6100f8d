package dk.sdu.im.compute.slurm;

import dk.sdu.im.compute.backend.ComputeRefusal;
import dk.sdu.im.compute.backend.Observation;
import dk.sdu.im.compute.backend.QueueStatus;
import dk.sdu.im.compute.backend.ServerCompute;
import dk.sdu.im.compute.slurm.SlurmTools.Outcome;
import dk.sdu.im.compute.slurm.SlurmTools.Tool;
import dk.sdu.im.config.ProductCategory;
import dk.sdu.im.config.ProductType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Slurm as the service account (IM/Server): it only reads. sinfo for partitions and how busy they are, sacct for
 * the state and usage of every tracked job at once (squeue when the cluster keeps no accounting).
 */
final class SlurmServerCompute implements ServerCompute {
    private static final Logger LOG = Logger.getLogger(SlurmServerCompute.class.getName());

    private final SlurmCalls slurm;

    SlurmServerCompute(SlurmTools tools) {
        this.slurm = new SlurmCalls(tools, tools.limits().serverCall());
    }

    /**
     * Each compute category whose partition sinfo does not list is one sentence naming the category, the
     * partition and those Slurm has. No sinfo call when no category names a partition.
     *
     * @throws ComputeRefusal (the site's) when sinfo fails, in its words
     */
    @Override
    public List<String> problems(List<ProductCategory> categories) throws ComputeRefusal {
        List<ProductCategory> placed = compute(categories).stream().filter(c -> c.placement().partition().isPresent()).toList();
        if (placed.isEmpty()) {
            return List.of();
        }
        Set<String> known = partitions().keySet();
        List<String> problems = new ArrayList<>();
        for (ProductCategory category : placed) {
            String partition = category.placement().partition().orElseThrow();
            if (!known.contains(partition)) {
                problems.add("products." + category.name() + ".partition '" + partition
                        + "' is not a partition Slurm knows; Slurm has: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)));
            }
        }
        return problems;
    }

    /**
     * One sinfo call; each compute category gets its partition's {@link PartitionLine#queueStatus()}, a category
     * without a partition that of Slurm's default partition. Categories whose partition sinfo does not list are
     * left out, and so is everything when sinfo fails (logged): a poll of products must not fail on it.
     */
    @Override
    public Map<String, QueueStatus> queueStatus(List<ProductCategory> categories) {
        Map<String, PartitionLine> partitions;
        try {
            partitions = partitions();
        } catch (ComputeRefusal e) {
            LOG.warning("queue status unknown: " + e.getMessage());
            return Map.of();
        }
        Map<String, QueueStatus> statuses = new LinkedHashMap<>();
        for (ProductCategory category : compute(categories)) {
            partitionOf(category, partitions).ifPresent(p -> statuses.put(category.name(), p.queueStatus()));
        }
        return statuses;
    }

    /** The category's partition, or Slurm's default one for a category that names none. */
    private static Optional<PartitionLine> partitionOf(ProductCategory category, Map<String, PartitionLine> partitions) {
        Optional<String> named = category.placement().partition();
        if (named.isPresent()) {
            return Optional.ofNullable(partitions.get(named.get()));
        }
        return partitions.values().stream().filter(PartitionLine::isDefault).findFirst();
    }

    /**
     * One {@code sacct -a -X -n -P -j <ids> --format=...} (a call per {@link SlurmCalls#IDS_PER_CALL} ids); on a
     * cluster without accounting one {@code squeue -h -a --states=all -o ...} instead, which has no exit codes and
     * no GPU counts. Only the jobs asked for are reported. An id that is not a Slurm job id is logged and skipped,
     * so that one bad record cannot stop the polling of all the others.
     */
    @Override
    public List<Observation> poll(Collection<String> providerJobIds) throws ComputeRefusal {
        List<String> ids = validIds(providerJobIds);
        if (ids.isEmpty()) {
            return List.of();
        }
        Set<Long> wanted = new HashSet<>();
        ids.forEach(id -> wanted.add(Long.parseLong(id)));
        Optional<List<AccountingLine>> accounted = slurm.accounting(ids, true);
        if (accounted.isPresent()) {
            return accounted.get().stream().filter(job -> wanted.contains(job.jobId())).map(AccountingLine::observation).toList();
        }
        return slurm.queue().stream().filter(job -> wanted.contains(job.jobId())).map(QueueLine::observation).toList();
    }

    /** Every partition, the hidden ones and those closed to the service account's groups included (sinfo -a). */
    private Map<String, PartitionLine> partitions() throws ComputeRefusal {
        Outcome outcome = slurm.run(Tool.SINFO, List.of("-a", "-h", "-o", SinfoText.FORMAT), Optional.empty());
        if (!outcome.ok()) {
            throw new ComputeRefusal(outcome.words(), false);
        }
        Columns.Rows<PartitionLine> rows = SinfoText.parse(outcome.stdout());
        rows.refused().forEach(LOG::warning);
        return SinfoText.byName(rows.rows());
    }

    private static List<ProductCategory> compute(List<ProductCategory> categories) {
        return categories.stream().filter(c -> c.type() == ProductType.COMPUTE).toList();
    }

    private static List<String> validIds(Collection<String> providerJobIds) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : providerJobIds) {
            if (JobIds.valid(id)) {
                ids.add(id);
            } else {
                LOG.warning("not polled: '" + id.replaceAll("\\p{Cntrl}", "?") + "' is not a Slurm job id");
            }
        }
        return List.copyOf(ids);
    }
}
