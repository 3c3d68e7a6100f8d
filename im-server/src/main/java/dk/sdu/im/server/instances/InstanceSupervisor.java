package dk.sdu.im.server.instances;

import dk.sdu.im.api.log.Audit;
import dk.sdu.im.ipc.InstanceHandler;
import dk.sdu.im.ipc.InstanceSession;
import dk.sdu.im.ipc.InstanceToServer;
import dk.sdu.im.ipc.Peer;
import dk.sdu.im.ipc.PeerKind;
import dk.sdu.im.ipc.ServerToAdmin;
import dk.sdu.im.ipc.ServerToInstance;
import dk.sdu.im.server.identity.LocalAccount;
import dk.sdu.im.server.identity.UserContextClaims;
import dk.sdu.im.server.identity.UserDirectory;
import dk.sdu.im.server.ucloud.TaskClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Launches, verifies and retires IM/User instances, one per UCloud user. Launch, registration and cleanup
 * are serialized per user (on the user's lock), so concurrent first requests share one launch.
 *
 * <p>Registration is accepted only when kernel facts agree (DESIGN 4.5): the IPC peer's uid is the mapped
 * uid, its pid descends from the process this supervisor launched for that user, and the port it reports
 * is a loopback listening socket owned by that uid. Only then does the route go up.
 */
public final class InstanceSupervisor implements InstanceHandler, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(InstanceSupervisor.class.getName());
    /** How long an instance asked to stop may take before IM/Server closes its IPC connection. */
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(10);
    /** How many of the install's problems a refused launch logs one by one; a count stands for the rest. */
    private static final int MAX_PROBLEM_LINES = 10;

    private final UserDirectory directory;
    private final InstanceLauncher launcher;
    private final RouteTable routes;
    private final ProcFacts proc;
    private final Clock clock;
    private final Duration startTimeout;
    private final Duration idleTimeout;
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService reaper;
    private final java.util.function.Consumer<UserDirectory.Mapped> firstSeen;
    private final InstanceTasks tasks;
    private final UserContextClaims claims;
    private final Audit audit;
    private volatile InstanceJobs jobs = InstanceJobs.none();
    private volatile InstanceEvents events = InstanceEvents.NONE;

    /**
     * @param firstSeen told about each user whose launched instance proved who it is (IM/Server registers their drives;
     *     a mapped user the sudo rule does not let run, such as one outside the group, gets none)
     * @param claims whether instances must require the {@code ucloudUser} claim, and the judge of their reports of it
     */
    public InstanceSupervisor(UserDirectory directory, InstanceLauncher launcher, RouteTable routes,
                              ProcFacts proc, Clock clock, Duration startTimeout, Duration idleTimeout,
                              java.util.function.Consumer<UserDirectory.Mapped> firstSeen, TaskClient tasks,
                              UserContextClaims claims, Audit audit) {
        this.audit = audit;
        this.firstSeen = firstSeen;
        this.claims = claims;
        this.tasks = new InstanceTasks(tasks);
        this.directory = directory;
        this.launcher = launcher;
        this.routes = routes;
        this.proc = proc;
        this.clock = clock;
        this.startTimeout = startTimeout;
        this.idleTimeout = idleTimeout;
        this.reaper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
        long period = Math.max(1, Math.min(idleTimeout.toSeconds() / 4, 30));
        reaper.scheduleWithFixedDelay(this::retireIdle, period, period, TimeUnit.SECONDS);
    }

    /** The port of the user's verified instance, launching one if needed (the gateway's cold start). */
    public CompletableFuture<Integer> instancePort(String ucloudUsername) {
        synchronized (lock(ucloudUsername)) {
            Instance existing = instances.get(ucloudUsername);
            if (existing != null && existing.process.isAlive()) {
                return existing.ready;
            }
            try {
                return launch(ucloudUsername).ready;
            } catch (LaunchRefused refused) {
                return CompletableFuture.failedFuture(refused);
            }
        }
    }

    private Instance launch(String ucloudUsername) {
        long begun = System.nanoTime();
        UserDirectory.Mapped mapped = mapping(ucloudUsername);
        LocalAccount account = mapped.account();
        long resolved = System.nanoTime();
        List<String> unsafe = launcher.unsafe();
        if (!unsafe.isEmpty()) {
            events.launchFailed(InstanceEvents.Failure.INSTALL_UNSAFE);
            // The administrator's to fix; the user only hears 503. Each line names the user whose request was refused.
            InstallCheck.shortened(unsafe, MAX_PROBLEM_LINES).forEach(problem -> LOG.severe("refusing to launch user instances: "
                    + problem + " [refused " + ucloudUsername + " (" + account.name() + ") with 503]"));
            audit.launchRefused(ucloudUsername, 503, "the installation is unsafe to launch from: " + String.join("; ", unsafe));
            throw new LaunchRefused(503, "The provider cannot start your instance; its administrators have been told why");
        }
        long checked = System.nanoTime();
        Process process;
        try {
            process = launcher.launch(account);
        } catch (IOException e) {
            events.launchFailed(InstanceEvents.Failure.SPAWN);
            LOG.warning("launching an instance for " + ucloudUsername + " failed: " + e.getMessage());
            audit.launchRefused(ucloudUsername, 503, "the launch failed: " + e.getMessage());
            throw new LaunchRefused(503, "The provider could not start your instance");
        }
        long spawned = System.nanoTime();
        Instance instance = new Instance(mapped, process, clock.instant());
        instance.spawnedNanos = spawned;
        instance.launchPhases = new InstanceEvents.ColdStartPhases(Duration.ofNanos(resolved - begun),
                Duration.ofNanos(checked - resolved), Duration.ofNanos(spawned - checked), Duration.ZERO);
        instances.put(ucloudUsername, instance);
        audit.instanceLaunched(ucloudUsername, account.name(), account.uid(), process.pid());
        LOG.info(() -> "launched an instance for " + ucloudUsername + " as " + account.name() + " (pid " + process.pid()
                + "): account and mapping " + micros(begun, resolved) + " µs, install check " + micros(resolved, checked)
                + " µs, spawn " + micros(checked, spawned) + " µs");
        InstanceOutput.relay(process, new dk.sdu.im.api.log.LogOutput.InstanceOf(ucloudUsername, account.name(), process.pid()));
        process.onExit().thenRun(() -> exited(instance));
        instance.ready.orTimeout(startTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((port, failure) -> {
            if (failure instanceof java.util.concurrent.TimeoutException) {
                events.launchFailed(InstanceEvents.Failure.START_TIMEOUT);
            }
            if (failure != null) {
                LOG.warning(() -> "instance for " + ucloudUsername + " did not register: " + failure);
                process.destroy();
            }
        });
        return instance;
    }

    private static long micros(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1000;
    }

    private UserDirectory.Mapped mapping(String ucloudUsername) {
        try {
            var found = directory.resolveAccount(ucloudUsername);
            if (found.isEmpty()) {
                events.launchFailed(InstanceEvents.Failure.UNMAPPED);
                audit.launchRefused(ucloudUsername, 403, "not mapped to a local account");
                throw new LaunchRefused(403, "Your UCloud user is not connected to an account on this provider");
            }
            return found.get();
        } catch (UserDirectory.IdentityProblem problem) {
            events.launchFailed(InstanceEvents.Failure.IDENTITY);
            LOG.warning("refused to launch for " + ucloudUsername + ": " + problem.getMessage());
            audit.launchRefused(ucloudUsername, 403, problem.getMessage());
            throw new LaunchRefused(403, "Your UCloud user cannot be served by this provider; its administrators have been told why");
        }
    }

    /** Who is on the other end of an IPC connection, from kernel facts only. */
    public PeerKind classify(Peer peer) {
        if (launchedFor(peer).isPresent()) {
            return PeerKind.INSTANCE;
        }
        return peer.uid() == 0 ? PeerKind.ADMIN : PeerKind.LOCAL_USER;
    }

    private Optional<Instance> launchedFor(Peer peer) {
        return instances.values().stream().filter(i -> proc.descendsFrom(peer.pid(), i.process.pid())).findFirst();
    }

    @Override
    public ServerToInstance onMessage(InstanceSession session, InstanceToServer message) {
        return switch (message) {
            case InstanceToServer.Register register -> register(session, register);
            case InstanceToServer.Activity activity -> activity(session, activity);
            case InstanceToServer.Goodbye goodbye -> new ServerToInstance.Ack();
            case InstanceToServer.Hello hello -> new ServerToInstance.Refused("already greeted");
            case InstanceToServer.TaskStarted started -> taskStarted(session, started);
            case InstanceToServer.TaskProgress progress -> tasks.progress(session, progress);
            case InstanceToServer.TaskCompleted completed -> tasks.completed(session, completed);
            case InstanceToServer.ClaimSeen claim -> claimSeen(session, claim);
            case InstanceToServer.ListDrives _ -> forAssignee(session, jobs::drives);
            case InstanceToServer.MaySubmit may -> forAssignee(session, who -> jobs.maySubmit(who, may));
            case InstanceToServer.JobSubmitted submitted -> forAssignee(session, who -> jobs.submitted(who, submitted));
            case InstanceToServer.JobObserved observed -> forAssignee(session, who -> jobs.observed(who, observed));
            case InstanceToServer.Served served -> served(session, served);
            case InstanceToServer.TokenRejected rejected -> forAssignee(session, who -> tokenRejected(session, who, rejected));
        };
    }

    /** Where launches and instance reports are told (IM/Server's metrics); set once at start-up. */
    public void events(InstanceEvents events) {
        this.events = java.util.Objects.requireNonNull(events, "events");
    }

    /** Counted only from a registered instance: anything else has no business reporting. */
    private ServerToInstance served(InstanceSession session, InstanceToServer.Served served) {
        if (instances.values().stream().noneMatch(i -> i.session == session)) {
            return new ServerToInstance.Refused("this instance is not registered");
        }
        events.served(session, served);
        return new ServerToInstance.Ack();
    }

    /** Verified instances now. */
    public int running() {
        return (int) instances.values().stream().filter(Instance::registered).count();
    }

    /**
     * What would stop an instance from launching now (the sudo rule, the launcher and everything a launch reads), as
     * the launch itself checks it; empty when launching is possible.
     */
    public List<String> launchProblems() {
        return launcher.unsafe();
    }

    /** Where instances' job messages go; set once at start-up, before any instance registers. */
    public void jobs(InstanceJobs jobs) {
        this.jobs = java.util.Objects.requireNonNull(jobs, "jobs");
    }

    /** Runs {@code action} for the user this supervisor assigned to the session; unregistered sessions are refused. */
    private ServerToInstance forAssignee(InstanceSession session,
                                         java.util.function.Function<InstanceJobs.Assignee, ServerToInstance> action) {
        Optional<Instance> owner = instances.values().stream().filter(i -> i.session == session).findFirst();
        if (owner.isEmpty()) {
            LOG.warning("refused a job message from " + session + ": it is not a registered instance");
            return new ServerToInstance.Refused("this instance is not registered");
        }
        dk.sdu.im.db.UserMapping mapping = owner.get().mapping;
        return action.apply(new InstanceJobs.Assignee(mapping.ucloudUsername(), mapping.localUsername(), mapping.uid()));
    }

    /** An instance's 401, audited as the instance IM/Server assigned and the kernel names, never as it says. */
    private ServerToInstance tokenRejected(InstanceSession session, InstanceJobs.Assignee who,
                                           InstanceToServer.TokenRejected rejected) {
        audit.tokenRejectedByInstance(who.ucloudUser(), who.localUser(), who.uid(), session.peer().pid(),
                rejected.reason(), rejected.claimedUser().isEmpty() ? null : rejected.claimedUser());
        return new ServerToInstance.Ack();
    }

    private ServerToInstance claimSeen(InstanceSession session, InstanceToServer.ClaimSeen claim) {
        if (claims.reported(claim.token())) {
            return new ServerToInstance.Ack();
        }
        LOG.warning("refused a report of the ucloudUser claim from " + session + ": its token does not carry a verified claim");
        return new ServerToInstance.Refused("the token does not carry a verified ucloudUser claim");
    }

    /**
     * Tells every registered instance that user calls must carry the {@code ucloudUser} claim from now on. An instance
     * registering meanwhile reads the switched rule in its assignment, or gets this push: its session is set first.
     */
    public void claimRequired() {
        for (Instance instance : List.copyOf(instances.values())) {
            if (instance.registered()) {
                instance.session.send(new ServerToInstance.ClaimRequired());
            }
        }
    }

    /** The task's user is the one this supervisor assigned to the session at registration, nobody else. */
    private ServerToInstance taskStarted(InstanceSession session, InstanceToServer.TaskStarted started) {
        Optional<Instance> owner = instances.values().stream().filter(i -> i.session == session).findFirst();
        if (owner.isEmpty()) {
            LOG.warning("refused a task from " + session + ": it is not a registered instance");
            return new ServerToInstance.Refused("this instance is not registered");
        }
        return tasks.started(session, owner.get().user(), started);
    }

    /**
     * Asks the instance that owns UCloud task {@code taskId} to cancel it ({@code tasks.pauseOrCancel}).
     *
     * @return false if no running instance owns the task
     */
    public boolean cancelTask(long taskId) {
        return tasks.cancel(taskId);
    }

    private ServerToInstance register(InstanceSession session, InstanceToServer.Register registration) {
        int port = registration.port();
        Peer peer = session.peer();
        Optional<Instance> launched = launchedFor(peer);
        if (launched.isEmpty()) {
            return refuse(session, "pid " + peer.pid() + " was not launched by IM/Server");
        }
        Instance instance = launched.get();
        synchronized (lock(instance.user())) {
            if (instance.registered()) {
                return refuse(session, "the instance for " + instance.user() + " is already registered");
            }
            if (peer.uid() != instance.mapping.uid()) {
                events.launchFailed(InstanceEvents.Failure.REGISTRATION_REFUSED);
                instance.process.destroy();
                return refuse(session, "peer uid " + peer.uid() + " is not " + instance.user() + "'s uid " + instance.mapping.uid());
            }
            if (!proc.notListeningOnLoopback(peer.uid(), port).isEmpty()) {
                events.launchFailed(InstanceEvents.Failure.REGISTRATION_REFUSED);
                instance.process.destroy();
                return refuse(session, "port " + port + " is not a loopback listener owned by uid " + peer.uid());
            }
            instance.session = session;
            instance.port = port;
            routes.up(instance.user(), port);
            instance.ready.complete(port);
            var phases = instance.launchPhases;
            events.coldStart(new InstanceEvents.ColdStartPhases(phases.mapping(), phases.installCheck(), phases.spawn(),
                    Duration.ofNanos(System.nanoTime() - instance.spawnedNanos)));
            firstSeen.accept(instance.mapped);
            audit.instanceVerified(instance.user(), instance.mapping.localUsername(), peer.uid(), peer.pid(), port);
            LOG.info(() -> "instance for " + instance.user() + " verified (uid " + peer.uid() + ", pid " + peer.pid()
                    + ", port " + port + "); route up "
                    + java.time.Duration.between(instance.started, clock.instant()).toMillis() + " ms after launch");
            return new ServerToInstance.Assigned(instance.user(), instance.mapping.localUsername(), instance.mapping.uid(),
                    claims.claimRequired());
        }
    }

    private ServerToInstance refuse(InstanceSession session, String reason) {
        LOG.warning("refused an instance registration: " + reason);
        Peer peer = session.peer();
        audit.instanceRefused(new Audit.Caller(peer.uid(), peer.gid(), peer.pid()), reason);
        return new ServerToInstance.Refused(reason);
    }

    private ServerToInstance activity(InstanceSession session, InstanceToServer.Activity activity) {
        // Work still running in the instance (background copies, transfers) keeps it as busy as a request.
        long seen = activity.transfersInProgress() > 0 || activity.openStreams() > 0 ? clock.millis() : activity.lastRequestEpochMillis();
        instances.values().stream().filter(i -> i.session == session).forEach(i -> {
            i.lastRequestMillis = Math.max(i.lastRequestMillis, seen);
            i.transfersInProgress = activity.transfersInProgress();
            i.openStreams = activity.openStreams();
        });
        return new ServerToInstance.Ack();
    }

    @Override
    public void onClose(InstanceSession session) {
        tasks.closed(session);
        events.closed(session);
        instances.values().stream().filter(i -> i.session == session).findFirst().ifPresent(instance -> {
            LOG.info(() -> "instance for " + instance.user() + " closed its IPC connection");
            instance.process.destroy();
        });
    }

    /** A launched process ended: its route goes down at once and the next request launches a new one. */
    private void exited(Instance instance) {
        synchronized (lock(instance.user())) {
            // The route goes down before the instance leaves the list, so one no longer listed has no route anywhere.
            if (instances.get(instance.user()) == instance && instance.registered()) {
                routes.down(instance.user());
            }
            instances.remove(instance.user(), instance);
            if (!instance.ready.isDone()) {
                events.launchFailed(InstanceEvents.Failure.EXITED_DURING_START);
            }
            instance.ready.completeExceptionally(new LaunchRefused(503, "Your instance stopped during start-up"));
        }
        if (instance.jvmAlive()) {
            LOG.warning(() -> "sudo for " + instance.user() + "'s instance ended (status " + instance.process.exitValue()
                    + "), but the instance itself (pid " + instance.session.peer().pid() + ") still runs; its IPC"
                    + " connection is closed, so it stops itself");
            instance.session.close();
            return;
        }
        if (!instance.registered()) {
            LOG.warning(() -> "instance for " + instance.user() + " exited with status " + instance.process.exitValue()
                    + " before it registered, so the request that launched it got 503; its output above, marked with"
                    + " this user, says why (for sudo's refusal: the rule that `ucloud-im sudoers` prints, instances.userGroup)");
            return;
        }
        LOG.info(() -> "instance for " + instance.user() + " exited with status " + instance.process.exitValue());
    }

    /**
     * Idle: no request for idleTimeout as the instance reports it, and nothing open or ended at the gateway within it
     * either (the instance's reports lag by seconds). The route goes down first.
     */
    void retireIdle() {
        long now = clock.millis();
        for (Instance instance : List.copyOf(instances.values())) {
            if (instance.registered() && now - instance.lastRequestMillis > idleTimeout.toMillis()
                    && routes.quietMillis(instance.user()) > idleTimeout.toMillis()) {
                LOG.info(() -> "instance for " + instance.user() + " is idle; stopping it");
                retire(instance, "idle for " + idleTimeout.toSeconds() + " s");
            }
        }
    }

    /**
     * Stops the user's registered instance at an administrator's request, as an idle one is stopped: route down, then
     * asked to exit.
     *
     * @return false when the user has no registered instance
     */
    public boolean stop(String ucloudUsername) {
        Instance instance = instances.get(ucloudUsername);
        if (instance == null || !instance.registered()) {
            return false;
        }
        LOG.info(() -> "instance for " + ucloudUsername + " is stopped by an administrator");
        retire(instance, "stopped by an administrator");
        return true;
    }

    /** The route goes down first, so no request reaches an instance that was asked to go. */
    private void retire(Instance instance, String reason) {
        synchronized (lock(instance.user())) {
            routes.down(instance.user());
            instances.remove(instance.user(), instance);
        }
        try {
            instance.session.send(new ServerToInstance.Shutdown(reason));
        } catch (dk.sdu.im.ipc.IpcClosed closed) {
            // already gone from IPC: it is stopping on its own
        }
        instance.process.onExit().orTimeout(STOP_PATIENCE.toSeconds(), TimeUnit.SECONDS).exceptionally(t -> {
            unheeded(instance);
            return null;
        });
    }

    /**
     * An instance that did not stop when asked: IM/Server cannot kill it (it runs as its user, and SIGKILL to its
     * sudo does not pass on), so it closes the instance's IPC connection, on whose loss the instance exits by itself,
     * halted by its own watchdog if its exit hangs. Its route is already down; nothing reports an exit until it ends.
     */
    private void unheeded(Instance instance) {
        LOG.warning(() -> "instance for " + instance.user() + " did not stop within " + STOP_PATIENCE.toSeconds()
                + " s of being asked; its IPC connection is closed, and it stops itself once it notices");
        instance.session.close();
    }

    /** At start-up: says which instances of this installation an earlier IM/Server left running ({@link LeftoverInstances}). */
    public void reportLeftovers(java.nio.file.Path configDir, Duration serverLossGrace) {
        LeftoverInstances.report(configDir, serverLossGrace, reaper);
    }

    /** Where this supervisor announces verified instances. */
    public RouteTable routes() {
        return routes;
    }

    /** For {@code ucloud-im instances}: every registered instance, by UCloud username. */
    public List<ServerToAdmin.InstanceInfo> list() {
        List<ServerToAdmin.InstanceInfo> infos = new ArrayList<>();
        for (Instance i : instances.values()) {
            InstanceSession session = i.session;
            if (session != null) {
                long pid = session.peer().pid();
                infos.add(new ServerToAdmin.InstanceInfo(i.user(), i.mapping.localUsername(), i.mapping.uid(), pid, i.port,
                        i.started.toEpochMilli(), i.lastRequestMillis, proc.rssBytes(pid).orElse(-1),
                        i.transfersInProgress, i.openStreams));
            }
        }
        infos.sort(java.util.Comparator.comparing(ServerToAdmin.InstanceInfo::ucloudUsername));
        return infos;
    }

    private Object lock(String ucloudUsername) {
        return locks.computeIfAbsent(ucloudUsername, u -> new Object());
    }

    /**
     * Stops every instance this supervisor started (IM/Server shutdown): no orphans. Each is asked over IPC and its
     * sudo gets SIGTERM, which sudo passes on; one still running after a few seconds ends itself once IM/Server's exit
     * closes its IPC connection, and is said to be running, not reported as gone.
     */
    @Override
    public void close() {
        reaper.shutdownNow();
        List<Instance> stopping = List.copyOf(instances.values());
        for (Instance instance : stopping) {
            LOG.info(() -> "stopping the instance for " + instance.user() + " (" + instance.mapping.localUsername()
                    + "): IM/Server is stopping");
            if (instance.registered()) {
                routes.down(instance.user());
                try {
                    instance.session.send(new ServerToInstance.Shutdown("IM/Server is stopping"));
                } catch (dk.sdu.im.ipc.IpcClosed closed) {
                    // already gone from IPC: it is stopping on its own
                }
            }
            instance.process.destroy();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Instance instance : stopping) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!instance.process.waitFor(left, TimeUnit.NANOSECONDS) || instance.jvmAlive()) {
                    LOG.warning(() -> "instance for " + instance.user() + " is still stopping; it ends itself once it"
                            + " has lost IPC");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
