package dk.sdu.im.compute.local;

import dk.sdu.im.compute.backend.ComputeRefusal;
import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.ObservationSink;
import dk.sdu.im.compute.backend.Submission;
import dk.sdu.im.compute.backend.UcloudJobState;
import dk.sdu.im.compute.backend.UserCompute;
import dk.sdu.im.compute.script.SbatchDirective;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * IM/User's half of the local backend: runs each job's script as a process group of this instance's user and
 * reports to the sink RUNNING at the start and, exactly once, the end.
 *
 * <p>Stopping a job (cancelled, time limit reached, instance stopping) sends SIGTERM to its whole process group,
 * then SIGKILL after a grace; the leftovers of a script that ended by itself get SIGKILL at once, as Slurm does
 * when a batch script ends. Processes that left the group (a daemon that called setsid itself) are out of reach
 * and out of scope. Linux does not hand a group's id out again while any member lives; an emptied group's id is
 * signalled at most a grace after its leader was reaped, far sooner than pids come round again.
 *
 * <p>Thread-safe. A job costs no platform thread of its own: its end is seen through {@link Process#onExit()}
 * and handled on a virtual thread, its time limit and grace are tasks of one timer.
 *
 * <p>The instance must {@link #close()} this before it exits (it is the {@link AutoCloseable} the plugin's
 * {@code forUser} returns); until then {@link #activeJobs()} says how many scripts still run.
 */
final class LocalUserCompute implements UserCompute, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalUserCompute.class.getName());
    /** How long close() waits, after SIGKILL, for the scripts' ends before reporting them itself. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final ObservationSink sink;
    private final Kill kill;
    private final Duration grace;
    private final Launcher launcher = new Launcher();
    private final Optional<String> user = Optional.of(System.getProperty("user.name"));
    private final ScheduledThreadPoolExecutor timer;
    private final Executor onVirtualThread = task -> Thread.ofVirtual().name("local-job-end").start(task);
    private final Map<String, LocalJob> running = new ConcurrentHashMap<>();
    /** The last status of every job this instance ran (ended ones too), for {@link #status}. */
    private final Map<String, JobStatus> statuses = new ConcurrentHashMap<>();
    private final Object submitting = new Object();
    private boolean closed;

    /** Reports to {@code sink}; a stopped job's group gets SIGKILL {@code grace} after SIGTERM. */
    LocalUserCompute(ObservationSink sink, Kill kill, Duration grace) {
        this.sink = sink;
        this.kill = kill;
        this.grace = grace;
        timer = new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().name("local-job-timer").factory());
        timer.setRemoveOnCancelPolicy(true);
    }

    /** None: no scheduler reads directives; the time limit is enforced here. */
    @Override
    public List<SbatchDirective> directives(Submission submission) {
        return List.of();
    }

    /** Starts the script; refused as the user's fault when a job of this id still runs, as the site's otherwise. */
    @Override
    public String submit(Submission submission) throws ComputeRefusal {
        String id = ProviderIds.of(submission.ucloudJobId());
        synchronized (submitting) {
            if (closed) {
                throw new ComputeRefusal("The user instance is stopping; submit the job again.", false);
            }
            if (running.containsKey(id)) {
                throw new ComputeRefusal("Job " + submission.ucloudJobId() + " already runs.", true);
            }
            LocalJob job = new LocalJob(id, launcher.start(submission), submission.machine());
            running.put(id, job);
            report(job, new JobStatus(UcloudJobState.RUNNING, "Running"));
            submission.timeLimit().ifPresent(limit -> job.timeLimit(
                    timer.schedule(() -> stop(job, Ending.TIME_LIMIT), limit.toMillis(), TimeUnit.MILLISECONDS)));
            job.process.onExit().thenRunAsync(() -> exited(job), onVirtualThread);
        }
        return id;
    }

    /** Stops the job's process group; a job unknown here or already ended is no error. */
    @Override
    public void cancel(String providerJobId) throws ComputeRefusal {
        LocalJob job = running.get(ProviderIds.checked(providerJobId));
        if (job != null) {
            stop(job, Ending.CANCELLED);
        }
    }

    /** The last status reported of a job this instance ran; empty for any other. */
    @Override
    public Optional<JobStatus> status(String providerJobId) throws ComputeRefusal {
        return Optional.ofNullable(statuses.get(ProviderIds.checked(providerJobId)));
    }

    @Override
    public int activeJobs() {
        return running.size();
    }

    /**
     * For the instance's exit: stops every running job (SIGTERM, SIGKILL after the grace), reports each as FAILURE
     * "Stopped: …" and returns once all are reported (within the grace and a few seconds). Later submissions are
     * refused. Jobs already being stopped (a cancellation) keep their own ending.
     */
    @Override
    public void close() {
        synchronized (submitting) {
            closed = true;
        }
        List<LocalJob> jobs = List.copyOf(running.values());
        jobs.forEach(job -> stop(job, Ending.INSTANCE_STOPPED));
        awaitReported(jobs, grace);
        jobs.forEach(job -> kill.group(job.group(), Signal.KILL));
        awaitReported(jobs, SETTLE);
        jobs.forEach(job -> finish(job, Ending.INSTANCE_STOPPED.status));
        timer.shutdownNow();
    }

    /** SIGTERM to the job's group now and SIGKILL after the grace, unless it is already being stopped. */
    private void stop(LocalJob job, Ending why) {
        if (!job.stopFor(why)) {
            return;
        }
        kill.group(job.group(), Signal.TERM);
        try {
            timer.schedule(() -> kill.group(job.group(), Signal.KILL), grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            kill.group(job.group(), Signal.KILL);
        }
    }

    /** The script has exited: what is left of its group goes, unless a stop's grace is still running. */
    private void exited(LocalJob job) {
        if (!job.stopped()) {
            kill.group(job.group(), Signal.KILL);
        }
        finish(job, job.endStatus());
    }

    /** Reports the job's end, unless it has already been reported; only then it stops counting as running. */
    private void finish(LocalJob job, JobStatus status) {
        if (!job.claimEnd()) {
            return;
        }
        report(job, status);
        running.remove(job.id, job);
        job.reported();
    }

    private void report(LocalJob job, JobStatus status) {
        statuses.put(job.id, status);
        try {
            sink.observed(job.observation(user, status));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Job " + job.id + ": the observation " + status + " could not be passed on", e);
        }
    }

    private static void awaitReported(List<LocalJob> jobs, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            for (LocalJob job : jobs) {
                job.awaitReported(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
