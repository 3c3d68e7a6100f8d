package dk.sdu.im.server.jobs;

import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Observation;
import dk.sdu.im.compute.backend.UcloudJobState;
import dk.sdu.im.db.TrackedJob;
import dk.sdu.im.db.TrackedJobs;
import dk.sdu.im.server.ucloud.CoreFailure;
import dk.sdu.im.server.ucloud.JobClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The jobs IM/Server follows, and the one path by which what a backend saw becomes updates at UCloud (contract 4.1),
 * whether it came from a poll or from an instance.
 *
 * <p>Exactly once: a state is sent only when it differs from the last one UCloud accepted, with
 * {@code expectedDifferentState}, and recorded in the database only after UCloud accepted it. A restart between the
 * two resends that one state, which UCloud then skips because the job is in it already. A final state ends tracking.
 * A job that reaches a final state without ever having been seen running is first reported {@code RUNNING}, so UCloud
 * records when it started. Observations naming another Unix user than the job's are ignored: an instance cannot make
 * IM/Server report a job that is not its own user's.
 *
 * <p>Thread-safe: poll results and instance reports are applied one batch at a time.
 */
final class JobTracker {
    private static final Logger LOG = Logger.getLogger(JobTracker.class.getName());

    private final TrackedJobs store;
    private final JobClient core;
    private final Clock clock;
    private final Map<String, Active> byProviderId = new ConcurrentHashMap<>();
    private final Object applying = new Object();
    /** First updates of jobs just tracked, sent before anything else in the next batch. Guarded by {@code applying}. */
    private final List<JobClient.Update> announcements = new ArrayList<>();

    /** A tracked job and what is known of it since start-up. Guarded by {@code applying}, usage also read unguarded. */
    private static final class Active {
        final TrackedJob job;
        Optional<String> lastState;
        volatile long cpuSeconds;
        volatile long gpuSeconds;

        Active(TrackedJob job) {
            this.job = job;
            this.lastState = job.lastState();
            this.cpuSeconds = job.cpuSeconds();
            this.gpuSeconds = job.gpuSeconds();
        }
    }

    /** A change to send: the job and its new status. */
    private record Change(Active active, JobStatus status) {
    }

    JobTracker(TrackedJobs store, JobClient core, Clock clock) {
        this.store = store;
        this.core = core;
        this.clock = clock;
        store.active().forEach(job -> byProviderId.put(job.providerId(), new Active(job)));
    }

    /**
     * Starts tracking a submitted job; false if the UCloud job is tracked already, or another job not yet over has
     * the same provider id (an instance cannot make one scheduler job stand for two UCloud jobs).
     */
    boolean track(TrackedJob job) {
        return track(job, null);
    }

    /**
     * Like {@link #track(TrackedJob)}, with the job's first update ({@code announcement}, e.g. its output folder): it
     * goes to UCloud at once in the background, and before any state of the job in any case, since every batch sends
     * what waits to be announced first. Not persisted: lost to a restart before it was sent.
     */
    boolean track(TrackedJob job, JobClient.Update announcement) {
        synchronized (applying) {
            if (byProviderId.containsKey(job.providerId()) || !store.track(job)) {
                return false;
            }
            byProviderId.put(job.providerId(), new Active(job));
            if (announcement != null) {
                announcements.add(announcement);
            }
        }
        if (announcement != null) {
            Thread.ofVirtual().name("job-announcement").start(() -> apply(List.of()));
        }
        return true;
    }

    /** The provider ids of every job not yet over, for one poll. */
    Collection<String> providerIds() {
        return List.copyOf(byProviderId.keySet());
    }

    /** The tracked job with this provider id run by {@code localUser}, if any. */
    Optional<TrackedJob> ofUser(String providerId, String localUser) {
        Active active = byProviderId.get(providerId);
        return active != null && active.job.localUser().equals(localUser) ? Optional.of(active.job) : Optional.empty();
    }

    /** Running usage of jobs not yet over, per owner and category. */
    List<dk.sdu.im.db.TrackedJobs.UsageTotal> activeUsage() {
        List<dk.sdu.im.db.TrackedJobs.UsageTotal> usage = new ArrayList<>();
        for (Active active : byProviderId.values()) {
            TrackedJob job = active.job;
            usage.add(new dk.sdu.im.db.TrackedJobs.UsageTotal(job.project().isEmpty() ? job.ucloudUser() : "",
                    job.project(), job.category(), active.cpuSeconds, active.gpuSeconds));
        }
        return usage;
    }

    /** Applies one look at the jobs: sends what changed in one batch, records what UCloud accepted. */
    void apply(List<Observation> observations) {
        synchronized (applying) {
            List<Change> changes = new ArrayList<>();
            for (Observation observation : observations) {
                changeOf(observation).ifPresent(changes::add);
            }
            if (!changes.isEmpty() || !announcements.isEmpty()) {
                deliver(changes);
            }
        }
    }

    private Optional<Change> changeOf(Observation observation) {
        Active active = byProviderId.get(observation.providerJobId());
        if (active == null) {
            return Optional.empty();
        }
        if (observation.user().isPresent() && !observation.user().get().equals(active.job.localUser())) {
            LOG.warning(() -> "ignored a report of job " + active.job.ucloudId() + " (" + observation.providerJobId()
                    + ") as user " + observation.user().get() + ": it runs as " + active.job.localUser());
            return Optional.empty();
        }
        active.cpuSeconds = Math.max(active.cpuSeconds, observation.cpuSeconds());
        active.gpuSeconds = Math.max(active.gpuSeconds, observation.gpuSeconds());
        UcloudJobState state = observation.status().state();
        boolean unchanged = active.lastState.map(state.name()::equals).orElse(state == UcloudJobState.IN_QUEUE);
        return unchanged ? Optional.empty() : Optional.of(new Change(active, observation.status()));
    }

    private void deliver(List<Change> changes) {
        List<JobClient.Update> items = new ArrayList<>(announcements);
        for (Change change : changes) {
            String id = change.active().job.ucloudId();
            boolean neverRan = change.active().lastState.map(s -> !s.equals(UcloudJobState.RUNNING.name())).orElse(true);
            if (change.status().isFinal() && neverRan) {
                items.add(update(id, new JobStatus(UcloudJobState.RUNNING, "Running")));
            }
            items.add(update(id, change.status()));
        }
        List<String> unknown;
        try {
            unknown = core.update(items);
        } catch (CoreFailure failure) {
            LOG.warning(() -> "sending " + items.size() + " job update(s) to UCloud failed; they are sent again after the"
                    + " next poll: " + failure.getMessage());
            return;
        }
        announcements.clear();
        for (Change change : changes) {
            Active active = change.active();
            if (unknown.contains(active.job.ucloudId())) {
                confirmGone(active);
            } else {
                recordDelivered(active, change.status());
            }
        }
    }

    private void recordDelivered(Active active, JobStatus status) {
        store.delivered(active.job.ucloudId(), status.state().name(), status.isFinal(), active.cpuSeconds, active.gpuSeconds);
        active.lastState = Optional.of(status.state().name());
        if (status.isFinal()) {
            byProviderId.remove(active.job.providerId(), active);
            LOG.info(() -> "job " + active.job.ucloudId() + " (" + active.job.providerId() + ") of " + active.job.ucloudUser()
                    + " ended: " + status.state() + ", " + status.text());
        }
    }

    /** UCloud answered 404 for the job: if it confirms the job is gone, the job is dropped for good. */
    private void confirmGone(Active active) {
        try {
            if (!core.exists(active.job.ucloudId())) {
                store.forget(active.job.ucloudId());
                byProviderId.remove(active.job.providerId(), active);
                LOG.info(() -> "job " + active.job.ucloudId() + " is no longer known to UCloud; stopped tracking it");
            }
        } catch (CoreFailure failure) {
            LOG.warning(() -> "checking whether UCloud still has job " + active.job.ucloudId() + " failed: " + failure.getMessage());
        }
    }

    private JobClient.Update update(String id, JobStatus status) {
        return new JobClient.Update(id, new JobClient.JobUpdate(status.state().name(), status.text(), null, true,
                clock.millis()));
    }
}
