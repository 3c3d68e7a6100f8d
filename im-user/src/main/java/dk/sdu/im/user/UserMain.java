package dk.sdu.im.user;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.Json;
import dk.sdu.im.api.host.ProcessIdentity;
import dk.sdu.im.api.log.LogOutput;
import dk.sdu.im.config.ImConfig;
import dk.sdu.im.config.LoggingConfig;
import dk.sdu.im.ipc.InstanceToServer;
import dk.sdu.im.ipc.ServerToInstance;
import dk.sdu.im.user.files.FileBrowser;
import dk.sdu.im.user.files.FileOperations;
import dk.sdu.im.api.http.HttpListener;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Entry point and composition root of IM/User ({@code bin/ucloud-im-user}, through sudo). Order: refuse root
 * and system accounts; read the world-readable configuration and UCloud's key; listen on an ephemeral
 * loopback port; register that port with IM/Server over IPC and learn the UCloud user it serves; serve only
 * that user's calls. It exits when IM/Server says so (idle or shutdown) or when it loses IM/Server.
 * Exit codes: 0 told to stop, 64 usage, 77 refused (root or system account), 78 configuration, 70 failure.
 */
public final class UserMain {
    static {
        dk.sdu.im.api.log.LogOutput.keepOpenUntilExit(); // before anything logs, so the line about stopping is not dropped
    }
    private static final Logger LOG = Logger.getLogger(UserMain.class.getName());
    private static final long ACTIVITY_REPORT_SECONDS = 5;
    private static final long ASSIGNMENT_WAIT_SECONDS = 5;
    private static final long WARM_UP_WAIT_MILLIS = 500;
    /** How long an orderly exit may take once asked for before the watchdog halts the process. */
    static final java.time.Duration EXIT_GRACE = java.time.Duration.ofSeconds(10);
    /** How long a fresh instance keeps trying to connect to IM/Server's IPC socket. */
    private static final java.time.Duration CONNECT_PATIENCE = java.time.Duration.ofSeconds(5);

    private UserMain() {
    }

    public static void main(String[] args) throws Exception {
        long mainEntered = System.nanoTime();
        Path configDir = args.length == 2 && args[0].equals("--config-dir") ? Path.of(args[1]) : usage();
        ProcessIdentity.refuseRoot("IM/User");
        StopWatchdog watchdog = StopWatchdog.start();
        ImConfig config = load(configDir);
        int uid = ProcessIdentity.effectiveUid();
        if (uid < config.identity().minUid()) {
            fail(77, "IM/User refuses to run as uid " + uid + ", below identity.minUid " + config.identity().minUid()
                    + " (system accounts are never served)");
        }
        LogOutput.install(config.logging().format() == LoggingConfig.Format.JSON ? LogOutput.Format.JSON : LogOutput.Format.TEXT,
                config.logging().level(), "im-user");
        run(config, mainEntered, watchdog);
    }

    private static void run(ImConfig config, long mainEntered, StopWatchdog watchdog) throws Exception {
        // Learning HAProxy's account (haproxy mode) starts a process; it runs beside the start-up, not before it.
        var peers = new java.util.concurrent.CompletableFuture<dk.sdu.im.ipc.kernel.PeerAccounts>();
        Thread.ofVirtual().name("peer-accounts").start(() -> {
            try {
                peers.complete(peers(config));
            } catch (RuntimeException | Error e) {
                peers.completeExceptionally(e);
            }
        });
        // The route goes up as IM/Server answers the registration, so a request may arrive a moment before this
        // instance has read the answer: calls wait briefly for the assignment instead of failing.
        var owner = new java.util.concurrent.CompletableFuture<String>();
        var localUser = new java.util.concurrent.atomic.AtomicReference<String>();
        var activity = new Activity(Clock.systemUTC());
        var served = new ServedTally();
        // The IPC handshake runs while the listeners are built (cold start, DESIGN 3.3). Background copies and
        // deletes go to UCloud's task list over that link; the link's push listener needs the reporter (CancelTask).
        var link = new java.util.concurrent.CompletableFuture<ServerLink>();
        var tasks = new IpcTaskReporter(link::join);
        var claims = UserClaims.of(config);
        UserClaims.reportTo(claims, link::join);
        Thread.ofVirtual().name("ipc-connect").start(() ->
                link.complete(connect(config.instances().ipcSocket(), message -> onPush(message, tasks, claims, watchdog))));
        var operations = new FileOperations(tasks);
        Path home = Path.of(System.getProperty("user.home"));
        // One mapper for every call: its serializers, once built, serve all later requests.
        ObjectMapper mapper = Json.boundaryMapper();
        var browser = new FileBrowser(Clock.systemUTC(), java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        var verifier = UserListeners.verifier(config);
        Thread warmUp = Thread.ofVirtual().name("warm-up").start(new WarmUp(verifier, browser, mapper, home));
        var desk = new IpcServerDesk(link::join);
        var jobs = dk.sdu.im.user.jobs.UserJobs.of(config, desk, () -> assigned(owner), localUser::get, home, desk);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("stop-jobs").unstarted(jobs::close));
        var listeners = UserListeners.start(new UserListeners.Parts(config, verifier,
                new UserDrives(config.drives(), localUser::get, home), operations, browser, activity, () -> assigned(owner), claims,
                mapper, socket -> peers.join().admits(socket), jobs, served, new IpcTokenRejections(link::join)));
        long listening = System.nanoTime();
        ServerLink connected = link.join();
        long linked = System.nanoTime();
        // Registering puts the route up and the held request arrives at once: a warm instance answers it sooner than
        // one still warming up beside it (measured). The wait is bounded: a slow disk must not hold a start.
        warmUp.join(java.time.Duration.ofMillis(WARM_UP_WAIT_MILLIS));
        peers.join(); // known before the route goes up (or this instance has exited saying why)
        long warm = System.nanoTime();
        var assigned = register(connected, listeners.port());
        if (AssignmentCheck.check(config, System.getProperty("user.name"), home, assigned.ucloudUsername())
                instanceof AssignmentCheck.Verdict.Refused refused) {
            fail(70, "IM/User refuses to serve " + assigned.ucloudUsername() + ": " + refused.why());
        }
        long registered = System.nanoTime();
        localUser.set(assigned.localUsername());
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("stopped").unstarted(() ->
                LOG.info(() -> "IM/User for " + assigned.ucloudUsername() + " (" + assigned.localUsername() + ") stopped")));
        UserClaims.assigned(claims, assigned.claimRequired());
        owner.complete(assigned.ucloudUsername());
        LOG.info(() -> "IM/User serving " + assigned.ucloudUsername() + " as " + assigned.localUsername()
                + " on 127.0.0.1:" + listeners.port() + "; start-up: " + millis(mainEntered, listening)
                + " ms to listen, IPC ready after " + millis(mainEntered, linked) + " ms, warm after "
                + millis(mainEntered, warm) + " ms, registered after "
                + millis(mainEntered, registered) + " ms; core.userContext " + claims);
        reportActivity(connected, activity, () -> operations.backgroundTasks() + jobs.activeJobs(), listeners.server(), served);
        exitAfterLosing(connected, config.instances().serverLossGrace(), watchdog);
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    /**
     * Registers the port that serves everything; IM/Server decides from kernel facts, and its answer must name this
     * very uid.
     */
    private static ServerToInstance.Assigned register(ServerLink link, int port) {
        try {
            var assigned = link.register(port);
            if (assigned.uid() != ProcessIdentity.effectiveUid()) {
                return fail(70, "IM/Server assigned uid " + assigned.uid() + " but this process runs as "
                        + ProcessIdentity.effectiveUid());
            }
            return assigned;
        } catch (ServerLink.Refused refused) {
            return fail(70, "IM/Server refused this instance: " + refused.getMessage());
        }
    }

    /**
     * Tells IM/Server when this instance last served and what still runs (background file work and jobs this process
     * runs itself, reported as transfers in progress), so it can judge idleness; and, with the same beat and once more
     * as the process stops, what it served since the last report (IM/Server's metrics).
     */
    private static void reportActivity(ServerLink link, Activity activity, java.util.function.IntSupplier running,
                                       HttpListener sockets, ServedTally served) {
        var reporter = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
        reporter.scheduleAtFixedRate(() -> {
            link.report(new InstanceToServer.Activity(activity.lastRequestMillis(), sockets.openSockets(),
                    running.getAsInt()));
            served.drain().ifPresent(link::report);
        }, ACTIVITY_REPORT_SECONDS, ACTIVITY_REPORT_SECONDS, TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("last-served-report").unstarted(() -> {
            try {
                served.drain().ifPresent(link::report);
            } catch (RuntimeException e) {
                LOG.fine(() -> "the last report of what this instance served was not sent: " + e);
            }
        }));
    }

    /** No orphans: an instance that lost IM/Server stops after the grace period, halted if its exit hangs. */
    private static void exitAfterLosing(ServerLink link, java.time.Duration grace, StopWatchdog watchdog)
            throws InterruptedException {
        link.lost().toCompletableFuture().join();
        watchdog.arm(grace.plus(EXIT_GRACE));
        LOG.warning(() -> "lost IM/Server; exiting after " + grace.toSeconds() + " s");
        Thread.sleep(grace.toMillis());
        System.exit(0);
    }

    /**
     * Who may connect to the listener: the gateway's account, learnt from the IPC socket's owner, and in haproxy mode
     * HAProxy's, named in config.yml (GatewayPeers).
     */
    private static dk.sdu.im.ipc.kernel.PeerAccounts peers(ImConfig config) {
        try {
            return GatewayPeers.of(config.instances().ipcSocket(), config.gateway(), new NssUids(),
                    dk.sdu.im.ipc.kernel.PeerAccounts.kernel());
        } catch (java.io.IOException e) {
            return fail(70, "IM/User cannot learn whom to admit (the IPC socket " + config.instances().ipcSocket()
                    + "'s owner, and gateway.haproxy.user in haproxy mode): " + e.getMessage());
        }
    }

    /**
     * Connects, trying again for a few seconds: a unix socket whose accept queue is full (a local user flooding it)
     * refuses a connect at once with EAGAIN, and IM/Server drains the queue quickly.
     */
    private static ServerLink connect(Path socket, java.util.function.Consumer<ServerToInstance> pushes) {
        long deadline = System.nanoTime() + CONNECT_PATIENCE.toNanos();
        for (long pause = 5; ; pause = Math.min(pause * 2, 200)) {
            try {
                return ServerLink.connect(socket, pushes);
            } catch (java.io.IOException | dk.sdu.im.ipc.IpcClosed e) {
                if (System.nanoTime() - deadline > 0) {
                    return fail(70, "IM/User cannot reach IM/Server at " + socket + ": " + e.getMessage());
                }
                sleep(pause);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String assigned(java.util.concurrent.CompletableFuture<String> owner) {
        try {
            return owner.get(ASSIGNMENT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * IM/Server pushes {@code Shutdown} when the instance is idle or the server stops, and {@code CancelTask} when
     * the user cancels a background task at UCloud, and {@code ClaimRequired} when the {@code ucloudUser} claim was seen.
     * The IPC client delivers only push types here.
     */
    static void onPush(ServerToInstance message, IpcTaskReporter tasks, dk.sdu.im.api.rpc.UserClaimRule claims,
                       StopWatchdog watchdog) {
        switch (message) {
            case ServerToInstance.Shutdown shutdown -> {
                LOG.info(() -> "IM/Server asked this instance to stop: " + shutdown.reason());
                watchdog.arm(EXIT_GRACE);
                System.exit(0);
            }
            case ServerToInstance.CancelTask cancel -> {
                if (tasks != null) {
                    tasks.cancel(cancel.taskId());
                }
            }
            case ServerToInstance.ClaimRequired _ -> UserClaims.pushed(claims);
            case ServerToInstance.Welcome _, ServerToInstance.Assigned _, ServerToInstance.Refused _,
                 ServerToInstance.Ack _, ServerToInstance.TaskCreated _, ServerToInstance.DriveList _ ->
                    LOG.warning(() -> "ignored a push that is not one: " + message);
        }
    }

    private static ImConfig load(Path configDir) {
        try {
            return ImConfig.load(configDir);
        } catch (dk.sdu.im.config.ConfigException e) {
            return fail(78, "IM/User cannot start: " + e.getMessage());
        }
    }

    private static <T> T usage() {
        return fail(64, "Usage: dk.sdu.im.user.UserMain --config-dir DIR (started by bin/ucloud-im-user, not by hand)");
    }

    private static <T> T fail(int status, String line) {
        System.err.println(line);
        System.exit(status);
        return null;
    }
}
