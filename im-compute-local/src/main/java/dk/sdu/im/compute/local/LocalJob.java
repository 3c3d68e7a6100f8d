package dk.sdu.im.compute.local;

import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Observation;
import dk.sdu.im.compute.backend.Submission;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One job's running script: the process leading the job's process group, what the job was given, why it is being
 * stopped (if it is) and whether its end has been reported. Safe for use from many threads; the first stop
 * reason wins, and the end is claimed once.
 */
final class LocalJob {
    final String id;
    final Process process;
    private final Submission.Machine machine;
    private final long startNanos = System.nanoTime();
    private final AtomicReference<Ending> stopping = new AtomicReference<>();
    private final AtomicBoolean endClaimed = new AtomicBoolean();
    private final CompletableFuture<Void> reported = new CompletableFuture<>();
    private volatile Future<?> timeLimit = CompletableFuture.completedFuture(null);

    LocalJob(String id, Process process, Submission.Machine machine) {
        this.id = id;
        this.process = process;
        this.machine = machine;
    }

    /** The job's process group id: the leader's pid (see {@link Launcher}). */
    long group() {
        return process.pid();
    }

    /** Keeps the time-limit timer, to be cancelled when the job ends before it fires. */
    void timeLimit(Future<?> timer) {
        timeLimit = timer;
    }

    /** Records why the job is being stopped; false when it already is, or the script has already ended. */
    boolean stopFor(Ending why) {
        return process.isAlive() && stopping.compareAndSet(null, why);
    }

    boolean stopped() {
        return stopping.get() != null;
    }

    /** How the job ended, once its script has exited: the stop's reason if it was stopped, else the exit value's. */
    JobStatus endStatus() {
        Ending why = stopping.get();
        return why != null ? why.status : Ending.ofExit(process.exitValue());
    }

    /** True for the one caller that is to report the job's end; that caller then calls {@link #reported()}. */
    boolean claimEnd() {
        boolean first = endClaimed.compareAndSet(false, true);
        if (first) {
            timeLimit.cancel(false);
        }
        return first;
    }

    void reported() {
        reported.complete(null);
    }

    /** Waits until the end is reported or {@code deadline} (a {@link System#nanoTime()}) passes. */
    void awaitReported(long deadline) throws InterruptedException {
        try {
            reported.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // not reported in time: the caller reports it itself
        }
    }

    /** What is seen of the job now: {@code status}, and its CPUs and GPUs times the seconds since it started. */
    Observation observation(Optional<String> user, JobStatus status) {
        long seconds = Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
        return new Observation(id, user, status, machine.cpus() * seconds, machine.gpus() * seconds);
    }
}
