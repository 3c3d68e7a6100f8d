package dk.sdu.im.server.jobs;

import dk.sdu.im.compute.backend.ComputeRefusal;
import dk.sdu.im.compute.backend.Observation;
import dk.sdu.im.compute.backend.QueueStatus;
import dk.sdu.im.compute.backend.ServerCompute;
import dk.sdu.im.config.ProductCategory;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * IM/Server's look at the scheduler: every poll interval, one call for all tracked jobs (never one per job), whose
 * result goes through {@link JobTracker}; and, less often, the queue status products advertise. One thread; a poll
 * that fails is logged and the next one tries again.
 */
final class JobMonitor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JobMonitor.class.getName());
    /** Queue status changes slowly and Core polls products every ~10 s: refreshed every this many polls. */
    private static final int QUEUE_STATUS_EVERY = 6;

    private final ServerCompute compute;
    private final JobTracker tracker;
    private final List<ProductCategory> categories;
    private final ScheduledExecutorService timer;
    private volatile Map<String, QueueStatus> queueStatus = Map.of();
    private long polls;

    JobMonitor(ServerCompute compute, JobTracker tracker, List<ProductCategory> categories) {
        this.compute = compute;
        this.tracker = tracker;
        this.categories = List.copyOf(categories);
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("job-monitor").daemon().factory());
    }

    void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The last queue status seen per category name. */
    Map<String, QueueStatus> queueStatus() {
        return queueStatus;
    }

    /** One poll of every tracked job, applied; public to the package for tests and the benchmark. */
    void pollOnce() {
        Collection<String> ids = tracker.providerIds();
        if (ids.isEmpty()) {
            return;
        }
        List<Observation> observations;
        try {
            observations = compute.poll(ids);
        } catch (ComputeRefusal refusal) {
            LOG.warning(() -> "reading the state of " + ids.size() + " job(s) failed; trying again at the next poll: "
                    + refusal.getMessage());
            return;
        }
        tracker.apply(observations);
    }

    private void tick() {
        try {
            if (polls == 0) {
                Collection<String> open = tracker.providerIds();
                tracker.apply(compute.orphaned(open));
            }
            if (polls++ % QUEUE_STATUS_EVERY == 0) {
                queueStatus = Map.copyOf(compute.queueStatus(categories));
            }
            pollOnce();
        } catch (RuntimeException e) {
            LOG.log(java.util.logging.Level.WARNING, "the job monitor's poll failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
