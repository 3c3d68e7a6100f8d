package dk.sdu.im.user.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.http.CloseCodes;
import dk.sdu.im.api.http.Handshake;
import dk.sdu.im.api.http.Incoming;
import dk.sdu.im.api.http.SocketEndpoint;
import dk.sdu.im.api.http.SocketSession;
import dk.sdu.im.api.http.WebSocket;
import dk.sdu.im.api.log.RequestLog;
import dk.sdu.im.api.rpc.Access;
import dk.sdu.im.api.rpc.Caller;
import dk.sdu.im.api.rpc.CallerResolver;
import dk.sdu.im.compute.backend.UserCompute;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Core following a job's output (contract 3.5.4): a WebSocket to {@code /ucloud/jobs.provider.<id>/websocket}. The
 * upgrade is checked like every user call (the JWT in {@code Authorization}, its user, or the routing header or
 * {@code usernameHint}, must be this instance's user). The first text frame is
 * {@code {"call":"jobs.provider.<id>.follow","streamId":..,"payload":{"type":"init","job":<Job>}}}; the job must be
 * this user's ({@code owner.createdBy}) and have an output folder in one of this user's drives, resolved exactly like
 * a file call's path. Then {@link JobFollowSession} streams the folder's output files. A request that cannot be served
 * gets one {@code response} frame with its status and {@code why}, then the close. One request log line per follow
 * when it ends.
 */
final class JobFollowEndpoint implements SocketEndpoint {
    static final Duration FIRST_FRAME_WAIT = Duration.ofSeconds(30);
    private static final Duration READER_END_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(JobFollowEndpoint.class.getName());
    private static final String CALL = "jobs.follow";

    /**
     * The jobs side of a follow.
     *
     * @param owner the UCloud user this instance serves
     * @param folders a job's UCloud output folder to its local path, confined to the user's drives
     *     ({@link JobDrives#local}); throws ApiException to refuse
     * @param compute the scheduler, asked whether the job is over
     */
    record Jobs(Supplier<String> owner, Function<String, Path> folders, UserCompute compute) {
    }

    private final CallerResolver callers;
    private final ObjectMapper mapper;
    private final Jobs jobs;
    private final FollowTiming timing;
    private final Runnable onActivity;
    private final RequestLog log;
    private final AtomicInteger running = new AtomicInteger();

    JobFollowEndpoint(CallerResolver callers, ObjectMapper mapper, Jobs jobs, FollowTiming timing, Runnable onActivity,
                      RequestLog log) {
        this.callers = callers;
        this.mapper = mapper;
        this.jobs = jobs;
        this.timing = timing;
        this.onActivity = onActivity;
        this.log = log;
    }

    /** Follows running now; one ends only after its files are closed and its reading thread has ended. */
    int running() {
        return running.get();
    }

    @Override
    public SocketSession accept(Handshake handshake) {
        long started = System.nanoTime();
        Caller caller = caller(handshake, started);
        onActivity.run();
        return socket -> {
            running.incrementAndGet();
            try {
                run(socket);
            } finally {
                running.decrementAndGet();
                log.request(CALL, caller.describe(), 101, System.nanoTime() - started);
            }
        };
    }

    private Caller caller(Handshake handshake, long started) {
        try {
            return callers.resolve(Access.USER, handshake);
        } catch (ApiException e) {
            log.request(CALL, "-", e.status(), System.nanoTime() - started);
            throw e;
        }
    }

    private void run(WebSocket socket) throws IOException, InterruptedException {
        socket.setIdleTimeout(FIRST_FRAME_WAIT);
        if (!(socket.read() instanceof Incoming.Text first)) {
            socket.close(CloseCodes.POLICY_VIOLATION, "expected a follow request as text");
            return;
        }
        FollowFrames frames = new FollowFrames(socket, mapper, "ignored");
        try {
            JsonNode request = tree(first.text());
            frames = new FollowFrames(socket, mapper, request.path("streamId").asText("ignored"));
            follow(socket, frames, checked(request));
        } catch (ApiException e) {
            frames.refusal(e);
        }
        socket.close(CloseCodes.NORMAL, "");
    }

    /** Holds the job folder open and runs the follow; waits for the socket's reader to end before returning. */
    private void follow(WebSocket socket, FollowFrames frames, JobEnvelope job) throws IOException, InterruptedException {
        try (FollowFolder folder = folder(job)) {
            FollowCloseWatch watch = FollowCloseWatch.start(socket, timing.longest().plusMinutes(1));
            try {
                new JobFollowSession(jobs.compute(), job.providerId(), timing, frames, watch, onActivity).run(folder);
            } finally {
                socket.close(CloseCodes.NORMAL, "");
                watch.join(READER_END_WAIT);
            }
        }
    }

    /** The request's job, if this user may follow it here. */
    private JobEnvelope checked(JsonNode request) {
        if (!request.path("call").asText("").endsWith(".follow")) {
            throw ApiException.badRequest("This socket serves only jobs.provider.<id>.follow");
        }
        JsonNode payload = request.path("payload");
        if (!payload.path("type").asText("").equals("init") || !payload.path("job").isObject()) {
            throw ApiException.badRequest("The follow request needs payload {\"type\":\"init\",\"job\":<Job>}");
        }
        JobEnvelope job = JobEnvelope.of(payload.path("job"));
        if (!job.createdBy().equals(jobs.owner().get())) {
            throw ApiException.forbidden("Job " + job.id() + " was submitted by another user; only they can follow it here");
        }
        if (job.outputFolder().isEmpty()) {
            throw ApiException.notFound("The job has no output yet");
        }
        return job;
    }

    private FollowFolder folder(JobEnvelope job) {
        String folder = job.outputFolder().orElseThrow();
        Path local = jobs.folders().apply(folder);
        try {
            return FollowFolder.open(local);
        } catch (IOException e) {
            LOG.fine(() -> "follow: cannot open " + local + ": " + e);
            throw ApiException.notFound("The job's output folder cannot be opened: " + folder);
        }
    }

    private JsonNode tree(String text) {
        try {
            JsonNode tree = mapper.readTree(text);
            if (tree != null && tree.isObject()) {
                return tree;
            }
        } catch (JsonProcessingException e) {
            // Answered below, like any other frame that is no request.
        }
        throw ApiException.badRequest("The first frame is not a JSON stream request");
    }
}
