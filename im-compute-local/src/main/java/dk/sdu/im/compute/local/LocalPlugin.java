package dk.sdu.im.compute.local;

import dk.sdu.im.compute.backend.ComputePlugin;
import dk.sdu.im.compute.backend.ObservationSink;
import dk.sdu.im.compute.backend.ServerCompute;
import dk.sdu.im.compute.backend.UserCompute;
import dk.sdu.im.config.ImConfig;
import java.time.Duration;

/**
 * The local backend ({@code compute.backend: local}). It needs nothing of the configuration: there is no scheduler
 * to locate, and a category's placement is ignored.
 */
public final class LocalPlugin implements ComputePlugin {
    /** How long a stopped job's processes have between SIGTERM and SIGKILL. */
    static final Duration GRACE = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "local";
    }

    /**
     * The user half; it is also {@link AutoCloseable}, and the instance must close it before it exits, which stops
     * the jobs still running (each reported as FAILURE "Stopped: the module's user instance stopped").
     *
     * <p>Throws (a runtime exception or linkage error) where native calls, needed to signal a process group, are
     * unavailable.
     */
    @Override
    public UserCompute forUser(ImConfig config, ObservationSink observations) {
        return new LocalUserCompute(observations, new Kill(), GRACE);
    }

    @Override
    public ServerCompute forServer(ImConfig config) {
        return new LocalServerCompute();
    }
}
