package dk.sdu.im.user.files;

import dk.sdu.im.api.ApiException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one piece of file work so that the call answers in time (decision 8: Core gives up after 5 s). The work
 * starts at once on a virtual thread; the calling thread waits for it until the call's deadline. Work done by
 * then answers the call as usual: its ApiException is the call's error. Work still running is detached: the call
 * answers that it continues, a task is started with the {@link TaskReporter}, and from then on the work reports
 * its progress, its end and its failure there, and stops when the user cancels.
 *
 * <p>The work sees a {@link Progress}: it says how far it is ({@code update}, throttled to one report per
 * interval) and calls {@code checkpoint} between files, which throws {@link Cancelled} once the user cancelled.
 * The work cleans up after itself (in {@code finally} blocks) whatever ends it.
 *
 * <p>Thread-safe; one instance serves the whole process. {@link #running} counts detached work not yet done, so
 * the process can tell that it is busy although no call arrives.
 */
final class BackgroundWork {
    private static final Logger LOG = Logger.getLogger(BackgroundWork.class.getName());
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final TaskReporter.TaskHandle UNREPORTED = TaskReporter.loggingOnly().started("unreported task");

    private final TaskReporter reporter;
    private final Duration budget;
    private final long progressIntervalNanos;
    private final AtomicInteger running = new AtomicInteger();

    /**
     * @param budget how long a call waits for its work before the work moves to the background
     * @param progressInterval the least time between two progress reports of one task (zero: every update)
     */
    BackgroundWork(TaskReporter reporter, Duration budget, Duration progressInterval) {
        this.reporter = Objects.requireNonNull(reporter, "reporter");
        if (budget.isNegative() || progressInterval.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        this.budget = budget;
        this.progressIntervalNanos = progressInterval.toNanos();
    }

    /** The deadline, in {@link System#nanoTime} terms, of a call starting now. */
    long deadlineFromNow() {
        return System.nanoTime() + budget.toNanos();
    }

    int running() {
        return running.get();
    }

    /** A piece of work; it returns the message shown when it is done in the background. */
    @FunctionalInterface
    interface Job {
        String run(Progress progress);
    }

    /** What the work sees of its task. Used by the working thread only. */
    interface Progress {
        /** How far the work is; reported at most once per interval, and only once the work is in the background. */
        void update(String status, double percent);

        /** Between two files or chunks: throws {@link Cancelled} if the user cancelled the task. */
        void checkpoint();

        Progress NONE = new Progress() {
            @Override
            public void update(String status, double percent) {
            }

            @Override
            public void checkpoint() {
            }
        };
    }

    /** Ends work the user cancelled; its message says what was left behind. */
    static final class Cancelled extends RuntimeException {
        Cancelled(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Runs {@code job}, waiting for it until {@code deadlineNanos}. Returns true when it finished in that time (its
     * ApiException is thrown here), false when it goes on in the background as the task {@code title}.
     */
    boolean run(String title, long deadlineNanos, Job job) {
        var task = new Task(title, job);
        Thread.ofVirtual().name("file-work").start(task::work);
        return task.awaitOrDetach(deadlineNanos);
    }

    private enum State { WORKING, DONE, DETACHED }

    private final class Task implements Progress {
        private final String title;
        private final Job job;
        private final AtomicReference<State> state = new AtomicReference<>(State.WORKING);
        private final CountDownLatch finished = new CountDownLatch(1);
        private final CompletableFuture<TaskReporter.TaskHandle> handle = new CompletableFuture<>();
        private volatile String message;
        private volatile RuntimeException failure;
        private String lastStatus;
        private double lastPercent;
        private long lastReported;
        private boolean reportedOnce;

        Task(String title, Job job) {
            this.title = title;
            this.job = job;
        }

        void work() {
            try {
                message = job.run(this);
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                failure = new IllegalStateException(e);
            }
            if (state.compareAndSet(State.WORKING, State.DONE)) {
                finished.countDown();
                return;
            }
            try {
                complete(attached());
            } finally {
                running.decrementAndGet();
            }
        }

        boolean awaitOrDetach(long deadlineNanos) {
            if (!awaitUntil(deadlineNanos) && state.compareAndSet(State.WORKING, State.DETACHED)) {
                running.incrementAndGet();
                handle.completeOnTimeout(UNREPORTED, START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                Thread.ofVirtual().name("file-task-start").start(() -> handle.complete(start()));
                return false;
            }
            awaitFinished();
            return outcome();
        }

        /** The work is done or about to be (it won the race to finish); wait for it, keeping an interrupt. */
        private void awaitFinished() {
            boolean interrupted = false;
            while (true) {
                try {
                    finished.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private boolean awaitUntil(long deadlineNanos) {
            try {
                return finished.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private boolean outcome() {
            RuntimeException e = failure;
            if (e == null) {
                return true;
            }
            if (e instanceof ApiException api) {
                throw api;
            }
            LOG.log(Level.WARNING, title + " failed", e);
            throw ApiException.of(500, "Something went wrong: " + title, null);
        }

        private TaskReporter.TaskHandle start() {
            try {
                TaskReporter.TaskHandle started = reporter.started(title);
                return started == null ? UNREPORTED : started;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not start the task for " + title + "; it continues unreported", e);
                return UNREPORTED;
            }
        }

        private TaskReporter.TaskHandle attached() {
            return handle.join();
        }

        private void complete(TaskReporter.TaskHandle h) {
            RuntimeException e = failure;
            String text = switch (e) {
                case null -> message;
                case Cancelled c -> c.getMessage();
                case ApiException api -> api.why();
                default -> {
                    LOG.log(Level.WARNING, title + " failed in the background", e);
                    yield "Something went wrong: " + title;
                }
            };
            try {
                h.completed(e == null, text);
            } catch (RuntimeException r) {
                LOG.log(Level.WARNING, "could not report the end of " + title, r);
            }
        }

        @Override
        public void update(String status, double percent) {
            lastStatus = status;
            lastPercent = Math.clamp(percent, 0.0, 100.0);
            if (state.get() == State.DETACHED) {
                TaskReporter.TaskHandle h = handle.getNow(null);
                if (h != null) {
                    report(h, false);
                }
            }
        }

        @Override
        public void checkpoint() {
            if (state.get() != State.DETACHED) {
                return;
            }
            TaskReporter.TaskHandle h = attached();
            if (!reportedOnce) {
                report(h, true);
            }
            boolean cancelled;
            try {
                cancelled = h.cancelled();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not ask whether " + title + " was cancelled", e);
                cancelled = false;
            }
            if (cancelled) {
                throw new Cancelled("Cancelled: " + title);
            }
        }

        private void report(TaskReporter.TaskHandle h, boolean force) {
            long now = System.nanoTime();
            if (lastStatus == null || !(force || !reportedOnce || now - lastReported >= progressIntervalNanos)) {
                return;
            }
            reportedOnce = true;
            lastReported = now;
            try {
                h.progress(lastStatus, lastPercent);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not report the progress of " + title, e);
            }
        }
    }
}
