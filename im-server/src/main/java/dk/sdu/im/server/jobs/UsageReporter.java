package dk.sdu.im.server.jobs;

import dk.sdu.im.config.ProductCategory;
import dk.sdu.im.db.TrackedJobs;
import dk.sdu.im.db.TrackedJobs.UsageTotal;
import dk.sdu.im.server.ucloud.CoreFailure;
import dk.sdu.im.server.ucloud.JobClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Absolute compute usage per owner (the project, or the user for personal jobs) and category, sent to UCloud every
 * usage interval (contract 4.4): the ended jobs' usage from the database plus the running jobs' as last polled.
 * A category counts GPU-seconds when every product in it has GPUs, CPU-seconds otherwise, in the unit of its
 * accounting frequency (per minute: core-minutes; per hour: core-hours; per day: core-days; once: core-minutes).
 * Product prices are not applied. When UCloud answers false for an owner, {@link #mayUse} says no until a later
 * report says yes again; the lock is in memory, so a restart asks UCloud afresh at its first report.
 */
final class UsageReporter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UsageReporter.class.getName());

    private final TrackedJobs store;
    private final JobTracker tracker;
    private final JobClient core;
    private final String providerId;
    private final Map<String, ProductCategory> categories = new LinkedHashMap<>();
    private final Set<Wallet> locked = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    /** An owner's use of one category: {@code user} for personal jobs, else {@code project}. */
    record Wallet(String user, String project, String category) {
    }

    UsageReporter(TrackedJobs store, JobTracker tracker, JobClient core, String providerId, List<ProductCategory> categories) {
        this.store = store;
        this.tracker = tracker;
        this.core = core;
        this.providerId = providerId;
        categories.forEach(c -> this.categories.put(c.name(), c));
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("usage-reporter").factory());
    }

    void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::reportSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the owner may still use the category, as UCloud last said (yes until it said no). */
    boolean mayUse(Wallet wallet) {
        return !locked.contains(wallet);
    }

    /** Sends one report of every owner's total; public to the package for tests. */
    void report() throws CoreFailure {
        Map<Wallet, long[]> totals = totals();
        List<Wallet> wallets = new ArrayList<>();
        List<JobClient.Usage> items = new ArrayList<>();
        totals.forEach((wallet, seconds) -> {
            ProductCategory category = categories.get(wallet.category());
            if (category != null) {
                wallets.add(wallet);
                items.add(new JobClient.Usage(wallet.project().isEmpty() ? "user" : "project", wallet.user(),
                        wallet.project(), wallet.category(), providerId, units(category, seconds)));
            }
        });
        if (items.isEmpty()) {
            return;
        }
        List<Boolean> allowed = core.reportUsage(items);
        for (int i = 0; i < wallets.size(); i++) {
            if (allowed.get(i)) {
                locked.remove(wallets.get(i));
            } else if (locked.add(wallets.get(i))) {
                Wallet wallet = wallets.get(i);
                LOG.info(() -> "UCloud says " + wallet + " has no allocation left; new jobs are refused");
            }
        }
    }

    private Map<Wallet, long[]> totals() {
        Map<Wallet, long[]> totals = new LinkedHashMap<>();
        List<UsageTotal> all = new ArrayList<>(store.endedUsage());
        all.addAll(tracker.activeUsage());
        for (UsageTotal total : all) {
            long[] sum = totals.computeIfAbsent(new Wallet(total.ucloudUser(), total.project(), total.category()),
                    w -> new long[2]);
            sum[0] += total.cpuSeconds();
            sum[1] += total.gpuSeconds();
        }
        return totals;
    }

    private static long units(ProductCategory category, long[] seconds) {
        boolean gpu = category.products().stream().allMatch(p -> p.gpu() > 0);
        long used = gpu ? seconds[1] : seconds[0];
        long period = switch (category.accountingFrequency()) {
            case ONCE, PERIODIC_MINUTE -> 60;
            case PERIODIC_HOUR -> 3600;
            case PERIODIC_DAY -> 86_400;
        };
        return used / period;
    }

    private void reportSafely() {
        try {
            report();
        } catch (CoreFailure failure) {
            LOG.warning(() -> "reporting usage to UCloud failed; it is sent again at the next interval: " + failure.getMessage());
        } catch (RuntimeException e) {
            LOG.log(java.util.logging.Level.WARNING, "reporting usage failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
