package dk.sdu.im.user.jobs;

import dk.sdu.im.api.rpc.Route;
import dk.sdu.im.compute.backend.ComputePlugin;
import dk.sdu.im.compute.backend.ObservationSink;
import dk.sdu.im.compute.backend.UserCompute;
import dk.sdu.im.config.ImConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * IM/User's jobs, built from {@code compute}: the backend's user half (found by name) and the calls on it. Without a
 * backend there are no job calls and nothing runs.
 */
public final class UserJobs {
    private final UserCompute compute;
    private final List<Route> routes;

    private UserJobs(UserCompute compute, List<Route> routes) {
        this.compute = compute;
        this.routes = routes;
    }

    /** No job calls (the AOT training run, a provider without a compute backend). */
    public static UserJobs none() {
        return new UserJobs(null, List.of());
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
        return new UserJobs(compute, calls.routes(config.provider().id()));
    }

    public List<Route> routes() {
        return routes;
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
