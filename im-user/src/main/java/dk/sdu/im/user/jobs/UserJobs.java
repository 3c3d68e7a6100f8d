package dk.sdu.im.user.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.http.SocketEndpoint;
import dk.sdu.im.api.log.RequestLog;
import dk.sdu.im.api.rpc.CallerResolver;
import dk.sdu.im.api.rpc.Route;
import dk.sdu.im.compute.backend.ComputePlugin;
import dk.sdu.im.compute.backend.ObservationSink;
import dk.sdu.im.compute.backend.UserCompute;
import dk.sdu.im.config.ImConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * IM/User's jobs, built from {@code compute}: the backend's user half (found by name), the calls on it and the follow
 * socket. Without a backend there are no job calls and nothing runs.
 */
public final class UserJobs {
    private final UserCompute compute;
    private final List<Route> routes;
    private final String followPath;
    private final JobFollowEndpoint.Jobs follow;

    private UserJobs(UserCompute compute, List<Route> routes, String followPath, JobFollowEndpoint.Jobs follow) {
        this.compute = compute;
        this.routes = routes;
        this.followPath = followPath;
        this.follow = follow;
    }

    /** No job calls (the AOT training run, a provider without a compute backend). */
    public static UserJobs none() {
        return new UserJobs(null, List.of(), null, null);
    }

    /**
     * @param owner the UCloud user this instance serves (known once IM/Server assigned it)
     * @param localUser the local account it runs as, likewise
     * @param observations where a backend without a scheduler reports its jobs (to IM/Server)
     */
    public static UserJobs of(ImConfig config, ServerDesk server, Supplier<String> owner, Supplier<String> localUser,
                              Path home, ObservationSink observations) {
        if (!config.compute().enabled()) {
            return none();
        }
        var held = new HeldObservations(observations);
        UserCompute compute = ComputePlugin.named(config.compute().backend().name().toLowerCase(Locale.ROOT))
                .forUser(config, held);
        var drives = new JobDrives(server::driveIds, config.drives(), localUser, home);
        var calls = new JobCalls(new JobSubmitter(config, compute, drives, server, owner, held), compute, owner);
        return new UserJobs(compute, calls.routes(config.provider().id()),
                "/ucloud/jobs.provider." + config.provider().id() + "/websocket",
                new JobFollowEndpoint.Jobs(owner, drives::local, compute));
    }

    public List<Route> routes() {
        return routes;
    }

    /** The follow socket (contract 3.5.4) by its path; none without a backend. */
    public Map<String, SocketEndpoint> endpoints(CallerResolver callers, ObjectMapper mapper, Runnable onActivity) {
        if (follow == null) {
            return Map.of();
        }
        return Map.of(followPath, new JobFollowEndpoint(callers, mapper, follow, FollowTiming.DEFAULT, onActivity,
                new RequestLog()));
    }

    /** Stops what this process runs itself (the local backend's jobs), reporting each; for the instance's exit. */
    public void close() {
        if (compute instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                java.util.logging.Logger.getLogger(UserJobs.class.getName()).warning("stopping jobs failed: " + e);
            }
        }
    }

    /** Jobs this process runs itself and must stay alive for. */
    public int activeJobs() {
        return compute == null ? 0 : compute.activeJobs();
    }
}
