package dk.sdu.im.server.jobs;

import dk.sdu.im.compute.backend.ComputePlugin;
import dk.sdu.im.compute.backend.ComputeRefusal;
import dk.sdu.im.compute.backend.QueueStatus;
import dk.sdu.im.compute.backend.ServerCompute;
import dk.sdu.im.config.ImConfig;
import dk.sdu.im.config.ProductCategory;
import dk.sdu.im.config.ProductType;
import dk.sdu.im.db.TrackedJobs;
import dk.sdu.im.server.instances.InstanceJobs;
import dk.sdu.im.server.ucloud.DriveRegistration;
import dk.sdu.im.server.ucloud.JobClient;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * IM/Server's side of jobs, built from {@code compute}: the backend's server half (found by name), the tracker, the
 * monitor that polls it, the usage reporter, and the desk that answers instances. {@link #none()} when no backend runs.
 */
public final class ServerJobs implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ServerJobs.class.getName());

    private final InstanceJobs desk;
    private final JobMonitor monitor;
    private final UsageReporter usage;

    private ServerJobs(InstanceJobs desk, JobMonitor monitor, UsageReporter usage) {
        this.desk = desk;
        this.monitor = monitor;
        this.usage = usage;
    }

    /** No compute backend: instances' job messages are refused, nothing polls. */
    public static ServerJobs none() {
        return new ServerJobs(InstanceJobs.none(), null, null);
    }

    /** A configuration the backend cannot serve (e.g. a partition Slurm does not know); the message says what. */
    public static final class Misconfigured extends Exception {
        Misconfigured(String message) {
            super(message);
        }
    }

    /**
     * Loads the configured backend, checks the compute categories against it (a backend that cannot be asked is
     * logged and start-up goes on), and starts polling and usage reports.
     */
    public static ServerJobs start(ImConfig config, TrackedJobs store, JobClient core, DriveRegistration drives,
                                   Clock clock) throws Misconfigured {
        if (!config.compute().enabled()) {
            return none();
        }
        String name = config.compute().backend().name().toLowerCase(Locale.ROOT);
        ServerCompute compute = ComputePlugin.named(name).forServer(config);
        List<ProductCategory> categories = config.products().stream().filter(c -> c.type() == ProductType.COMPUTE).toList();
        check(compute, categories);
        JobTracker tracker = new JobTracker(store, core, clock);
        JobMonitor monitor = new JobMonitor(compute, tracker, categories);
        UsageReporter usage = new UsageReporter(store, tracker, core, config.provider().id(), categories);
        monitor.start(config.compute().pollInterval());
        usage.start(config.compute().usageInterval());
        LOG.info(() -> "jobs run on the " + name + " backend; " + tracker.providerIds().size() + " tracked job(s) are"
                + " polled every " + config.compute().pollInterval().toSeconds() + " s");
        return new ServerJobs(new JobDesk(tracker, usage, drives, core, clock, name), monitor, usage);
    }

    private static void check(ServerCompute compute, List<ProductCategory> categories) throws Misconfigured {
        try {
            List<String> problems = compute.problems(categories);
            if (!problems.isEmpty()) {
                throw new Misconfigured(String.join(" ", problems));
            }
        } catch (ComputeRefusal refusal) {
            LOG.warning(() -> "cannot check the compute categories against the scheduler now: " + refusal.getMessage());
        }
    }

    public InstanceJobs desk() {
        return desk;
    }

    /** A compute category's queue status as last seen, or null when not known. */
    public String queueStatus(String category) {
        QueueStatus status = monitor == null ? null : monitor.queueStatus().get(category);
        return status == null ? null : status.name();
    }

    @Override
    public void close() {
        if (monitor != null) {
            monitor.close();
            usage.close();
        }
    }
}
