package dk.sdu.im.user.jobs;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.compute.backend.ComputeRefusal;
import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.UserCompute;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One follow of a job's output (contract 3.5.4), once its request was accepted: sends the job folder's
 * {@code stdout.txt} and {@code stderr.txt} from their start, then new bytes as they come, looking every
 * {@link FollowTiming#pollEvery}. Asks the scheduler at most every {@link FollowTiming#statusEvery} whether the job is
 * over (final, or no longer known); then sends what is left of both files and the final 200 response. Stops at once
 * when the socket closes, and ends after {@link FollowTiming#longest} without a response. A job without a provider id
 * cannot be asked about; its follow ends only by the socket or the time limit. While it runs, the instance is active.
 */
final class JobFollowSession {
    private static final Logger LOG = Logger.getLogger(JobFollowSession.class.getName());
    /** Chunks of one file sent in a row before the other file and the clock get their turn: 1 MiB by default. */
    static final int ROUND_CHUNKS = 16;

    private final UserCompute compute;
    private final Optional<String> providerId;
    private final FollowTiming timing;
    private final FollowFrames frames;
    private final FollowCloseWatch watch;
    private final Runnable onActivity;

    JobFollowSession(UserCompute compute, Optional<String> providerId, FollowTiming timing, FollowFrames frames,
                     FollowCloseWatch watch, Runnable onActivity) {
        this.compute = compute;
        this.providerId = providerId;
        this.timing = timing;
        this.frames = frames;
        this.watch = watch;
        this.onActivity = onActivity;
    }

    /** Follows the files of {@code folder} until the job is over, the socket closes or the time is up. */
    void run(FollowFolder folder) throws IOException {
        try (var stdout = new FollowedFile(folder, FollowOutput.STDOUT, timing.chunkBytes());
             var stderr = new FollowedFile(folder, FollowOutput.STDERR, timing.chunkBytes())) {
            List<FollowedFile> files = List.of(stdout, stderr);
            if (followUntilOver(files) && drain(files)) {
                frames.done();
            }
        } catch (FollowFolder.NotRegularFile e) {
            frames.refusal(ApiException.forbidden(e.getFile() + " in the job folder is not a regular file; it is not followed"));
        }
    }

    /** Whether the job is over; false when the socket closed or the time ran out first. */
    private boolean followUntilOver(List<FollowedFile> files) throws IOException {
        long started = System.nanoTime();
        long nextStatus = started;
        while (!watch.closed()) {
            boolean caughtUp = sendRound(files);
            onActivity.run();
            long now = System.nanoTime();
            if (now - nextStatus >= 0) {
                if (over()) {
                    return true;
                }
                nextStatus = now + timing.statusEvery().toNanos();
            }
            if (now - started >= timing.longest().toNanos()) {
                return false;
            }
            frames.keepAliveAfter(timing.keepAliveEvery());
            if (caughtUp && watch.await(timing.pollEvery())) {
                return false;
            }
        }
        return false;
    }

    /** Sends all that is left of both files, the kept tails included; false if the socket closed first. */
    private boolean drain(List<FollowedFile> files) throws IOException {
        while (!sendRound(files)) {
            onActivity.run();
        }
        for (FollowedFile file : files) {
            Optional<String> rest = file.rest();
            if (rest.isPresent() && !watch.closed()) {
                frames.chunk(file.output(), rest.get());
            }
        }
        return !watch.closed();
    }

    /**
     * Sends up to {@link #ROUND_CHUNKS} chunks of each file's new bytes, so that neither file nor the status check
     * waits long behind the other file; whether both are caught up (or the socket closed).
     */
    private boolean sendRound(List<FollowedFile> files) throws IOException {
        boolean caughtUp = true;
        for (FollowedFile file : files) {
            caughtUp &= sendSome(file);
        }
        return caughtUp;
    }

    private boolean sendSome(FollowedFile file) throws IOException {
        for (int sent = 0; sent < ROUND_CHUNKS; sent++) {
            Optional<String> text = watch.closed() ? Optional.empty() : file.next();
            if (text.isEmpty()) {
                return true;
            }
            frames.chunk(file.output(), text.get());
        }
        return false;
    }

    /** Final or unknown to the scheduler; a scheduler that cannot answer now is asked again next time. */
    private boolean over() {
        if (providerId.isEmpty()) {
            return false;
        }
        try {
            return compute.status(providerId.get()).map(JobStatus::isFinal).orElse(true);
        } catch (ComputeRefusal refusal) {
            LOG.fine(() -> "follow: no status for job " + providerId.get() + " now: " + refusal.getMessage());
            return false;
        }
    }
}
