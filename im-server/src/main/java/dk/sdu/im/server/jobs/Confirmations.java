package dk.sdu.im.server.jobs;

import dk.sdu.im.server.ucloud.CoreFailure;
import dk.sdu.im.server.ucloud.JobClient;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * UCloud's word on whose job a job is, asked when an instance announces a submission ({@code MaySubmit}) and taken
 * when it reports the job submitted: the question runs while the scheduler takes the job instead of after it. Kept per
 * local user and job, so one instance can neither read nor spoil another's; at most {@link #PER_USER} open per user
 * (an instance cannot make IM/Server flood UCloud), each for at most two minutes.
 */
final class Confirmations {
    static final int PER_USER = 64;
    private static final long KEEP_NANOS = TimeUnit.MINUTES.toNanos(2);
    private static final long WAIT_SECONDS = 4;

    private record Key(String localUser, String jobId) {
    }

    private record Pending(CompletableFuture<JobClient.JobOwner> owner, long startedNanos) {
    }

    private final JobClient core;
    private final Map<Key, Pending> pending = new ConcurrentHashMap<>();
    /** One virtual thread per question, for the life of IM/Server. */
    private final ExecutorService askers = Executors.newVirtualThreadPerTaskExecutor();

    Confirmations(JobClient core) {
        this.core = core;
    }

    /** Starts asking UCloud about {@code jobId} for {@code localUser}, unless asked already or too many are open. */
    void start(String localUser, String jobId) {
        long now = System.nanoTime();
        pending.entrySet().removeIf(e -> now - e.getValue().startedNanos() > KEEP_NANOS);
        if (pending.keySet().stream().filter(k -> k.localUser().equals(localUser)).count() >= PER_USER) {
            return;
        }
        pending.computeIfAbsent(new Key(localUser, jobId), key -> new Pending(
                CompletableFuture.supplyAsync(() -> ask(jobId), askers), now));
    }

    /** UCloud's answer for {@code jobId}: the one started for {@code localUser}, or asked now. */
    JobClient.JobOwner take(String localUser, String jobId) throws CoreFailure {
        Pending started = pending.remove(new Key(localUser, jobId));
        if (started == null) {
            return core.owner(jobId);
        }
        try {
            return started.owner().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof CoreFailure failure ? failure
                    : new CoreFailure(0, "asking UCloud about job " + jobId + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            started.owner().cancel(true);
            throw new CoreFailure(0, "UCloud did not say within " + WAIT_SECONDS + " s whose job " + jobId + " is", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoreFailure(0, "interrupted while asking UCloud about job " + jobId, e);
        }
    }

    private JobClient.JobOwner ask(String jobId) {
        try {
            return core.owner(jobId);
        } catch (CoreFailure failure) {
            throw new CompletionException(failure);
        }
    }
}
