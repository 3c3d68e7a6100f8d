package dk.sdu.im.server.instances;

import dk.sdu.im.db.UserMapping;
import dk.sdu.im.ipc.InstanceSession;
import dk.sdu.im.server.identity.UserDirectory;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
/**
 * One launched IM/User process as IM/Server tracks it: through the {@link Process} handle it started (never a
 * pid stored anywhere), the future the first requests wait on, and, once verified, its IPC session and port.
 */
final class Instance {
    final UserDirectory.Mapped mapped;
    final UserMapping mapping;
    final Process process;
    final Instant started;
    final CompletableFuture<Integer> ready = new CompletableFuture<>();
    volatile InstanceSession session;
    volatile int port;
    volatile long lastRequestMillis;
    /** What the instance last reported open ({@code Activity}); for the admin CLI only. */
    volatile int transfersInProgress;
    volatile int openStreams;
    /** How long the launch's phases before the instance's own start-up took, and when the process was spawned. */
    volatile InstanceEvents.ColdStartPhases launchPhases;
    volatile long spawnedNanos;

    Instance(UserDirectory.Mapped mapped, Process process, Instant started) {
        this.mapped = mapped;
        this.mapping = mapped.mapping();
        this.process = process;
        this.started = started;
        this.lastRequestMillis = started.toEpochMilli();
    }

    boolean registered() {
        return session != null;
    }

    /**
     * Whether the instance's own JVM (the registered IPC peer, sudo's child) still runs. Its exit is not sudo's: a
     * signal that ends sudo (SIGKILL) never reaches the JVM, which runs as another user.
     */
    boolean jvmAlive() {
        InstanceSession registered = session;
        return registered != null && ProcessHandle.of(registered.peer().pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    String user() {
        return mapping.ucloudUsername();
    }
}
