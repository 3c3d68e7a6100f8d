package dk.sdu.im.server;

import dk.sdu.im.api.host.ProcessIdentity;
import dk.sdu.im.api.log.Audit;
import dk.sdu.im.config.ConfigException;
import dk.sdu.im.config.GatewayLimits;
import dk.sdu.im.config.GatewayTls;
import dk.sdu.im.config.GatewayConfig;
import dk.sdu.im.config.HaproxyConfig;
import dk.sdu.im.config.ImConfig;
import dk.sdu.im.config.InstancesConfig;
import dk.sdu.im.api.auth.CoreTokenVerifier;
import dk.sdu.im.gateway.CertificateRefused;
import dk.sdu.im.gateway.ClientLimits;
import dk.sdu.im.gateway.ColdStart;
import dk.sdu.im.gateway.EmbeddedGateway;
import dk.sdu.im.gateway.TrustedProxies;
import dk.sdu.im.gateway.TlsFiles;
import dk.sdu.im.ipc.AdminToServer;
import dk.sdu.im.ipc.InstanceToServer;
import dk.sdu.im.ipc.IpcServer;
import dk.sdu.im.ipc.PeerKind;
import dk.sdu.im.ipc.Permissions;
import dk.sdu.im.ipc.AdminHandler;
import dk.sdu.im.server.admin.AdminDesk;
import dk.sdu.im.server.admin.AdminPeers;
import dk.sdu.im.server.identity.AdminGroup;
import java.util.function.Function;
import dk.sdu.im.server.identity.NssAccounts;
import dk.sdu.im.server.identity.UserContextClaims;
import dk.sdu.im.server.identity.UserDirectory;
import dk.sdu.im.server.instances.DirectLauncher;
import dk.sdu.im.server.instances.InstanceLauncher;
import dk.sdu.im.server.instances.ColdStarts;
import dk.sdu.im.server.instances.InstanceSupervisor;
import dk.sdu.im.server.instances.ProcFacts;
import dk.sdu.im.server.instances.RouteTable;
import dk.sdu.im.server.instances.InstallCheck;
import dk.sdu.im.server.instances.SudoLauncher;
import dk.sdu.im.server.ingress.HaproxyRoutes;
import dk.sdu.im.server.ucloud.DriveRegistration;
import dk.sdu.im.server.ucloud.TaskClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The parts of IM/Server that face user instances: the supervisor, the IPC socket with its permission table,
 * and the embedded gateway (the module's only public listener, or with {@code gateway.type: haproxy} HAProxy's
 * fallback on loopback, HAProxy's routes kept in step by {@link HaproxyRoutes}). Built after the loopback API is listening,
 * because the gateway sends system calls there.
 */
final class Front implements AutoCloseable {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Front.class.getName());
    /** How often IM/Server asks HAProxy whether it restarted and whether its map holds every route. */
    private static final java.time.Duration HAPROXY_POLL = java.time.Duration.ofSeconds(2);
    /** How many of the install's problems start-up logs one by one; a count stands for the rest. */
    private static final int MAX_PROBLEM_LINES = 10;
    private final InstanceSupervisor supervisor;
    private final IpcServer ipc;
    private final EmbeddedGateway gateway;
    private final AutoCloseable ingress;

    private Front(InstanceSupervisor supervisor, IpcServer ipc, EmbeddedGateway gateway, AutoCloseable ingress) {
        this.supervisor = supervisor;
        this.ipc = ipc;
        this.gateway = gateway;
        this.ingress = ingress;
    }

    /** Who may send what over IPC: the one table, checked before any handler runs (DESIGN 4.9). */
    static Permissions permissions() {
        return Permissions.builder()
                .allow(InstanceToServer.Hello.class, PeerKind.INSTANCE)
                .allow(AdminToServer.Hello.class, PeerKind.ADMIN)
                .allow(InstanceToServer.Register.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.Activity.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.Goodbye.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.TaskStarted.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.TaskProgress.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.TaskCompleted.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.ClaimSeen.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.ListDrives.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.MaySubmit.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.JobSubmitted.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.JobObserved.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.Served.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.TokenRejected.class, PeerKind.INSTANCE)
                .allow(AdminToServer.ListInstances.class, PeerKind.ADMIN)
                .allow(AdminToServer.ListUsers.class, PeerKind.ADMIN)
                .allow(AdminToServer.ShowUser.class, PeerKind.ADMIN)
                .allow(AdminToServer.RemoveUser.class, PeerKind.ADMIN)
                .allow(AdminToServer.StopInstance.class, PeerKind.ADMIN)
                .allow(AdminToServer.ListRoutes.class, PeerKind.ADMIN)
                .allow(AdminToServer.ListDrives.class, PeerKind.ADMIN)
                .allow(AdminToServer.ListJobs.class, PeerKind.ADMIN)
                .build();
    }

    /** The supervisor comes first: IM/Server's own calls (init) need it before anything listens. */
    static InstanceSupervisor supervisor(ImConfig config, UserDirectory directory, Clock clock,
                                         DriveRegistration drives, TaskClient tasks, UserContextClaims claims,
                                         Audit audit) {
        InstancesConfig instances = config.instances();
        InstanceLauncher launcher = launcher(config);
        checkLaunching(config, launcher);
        var supervisor = new InstanceSupervisor(directory, launcher, new LateRoutes(), ProcFacts.system(), clock,
                instances.startTimeout(), instances.idleTimeout(), mapped -> registerDrives(drives, mapped), tasks, claims,
                audit);
        supervisor.reportLeftovers(config.directory(), instances.serverLossGrace());
        return supervisor;
    }

    /**
     * Starts the gateway (sending system calls to {@code systemBackend}; cold starts only for requests carrying a token
     * {@code verifier} accepts), HAProxy's route keeping in haproxy mode, and the IPC socket, whose administrators
     * ({@code admins}, besides the instances the supervisor launched) are answered by the handler {@code admin} makes
     * over the gateway's routes.
     */
    static Front start(ImConfig config, InstanceSupervisor supervisor, CoreTokenVerifier verifier,
                       InetSocketAddress systemBackend, AdminGroup admins,
                       Function<AdminDesk.RouteView, AdminHandler> admin, Audit audit) throws ImServer.StartupFailure {
        EmbeddedGateway gateway = startGateway(config, systemBackend, new ColdStarts(supervisor, verifier, audit));
        RouteTable routes = new EmbeddedRoutes(gateway);
        AutoCloseable ingress = () -> { };
        if (config.gateway().type() == GatewayConfig.Type.HAPROXY) {
            HaproxyRoutes haproxy = startHaproxyRoutes(config, routes, gateway);
            routes = haproxy;
            ingress = haproxy;
        }
        ((LateRoutes) supervisor.routes()).target = routes; // the supervisor was built before the gateway existed
        Path socket = config.instances().ipcSocket();
        try {
            // Every admin command answered here is audited (AuditedAdmin), with its caller.
            IpcServer ipc = IpcServer.start(socket, new IpcServer.Settings(new AdminPeers(supervisor::classify, admins),
                    permissions(), supervisor, new AuditedAdmin(admin.apply(routeView(gateway)), audit)));
            return new Front(supervisor, ipc, gateway, ingress);
        } catch (IOException e) {
            closeQuietly(ingress);
            gateway.close();
            throw new ImServer.StartupFailure("cannot open the IPC socket " + socket + " (" + e.getMessage()
                    + "); make its directory exist and belong to the service user");
        }
    }

    /** The embedded gateway holds every route, in HAProxy mode too (HAProxy falls back to it). */
    private static AdminDesk.RouteView routeView(EmbeddedGateway gateway) {
        return new AdminDesk.RouteView() {
            @Override
            public java.util.Map<String, Integer> list() {
                return gateway.list();
            }

            @Override
            public int openConnections(String ucloudUsername) {
                return gateway.openConnections(ucloudUsername);
            }

            @Override
            public long quietMillis(String ucloudUsername) {
                return gateway.quietMillis(ucloudUsername);
            }
        };
    }

    /** A user first seen at a launch gets their drives at UCloud; in the background, so a launch never waits on UCloud. */
    private static void registerDrives(DriveRegistration drives, UserDirectory.Mapped mapped) {
        Thread.ofVirtual().name("drive-registration").start(() -> {
            try {
                drives.ensure(mapped.mapping(), mapped.account());
            } catch (dk.sdu.im.server.ucloud.CoreFailure failure) {
                LOG.warning("registering the drives of " + mapped.mapping().ucloudUsername() + " failed: " + failure.getMessage());
            }
        });
    }

    /** Says at start-up, once, what would stop instances from launching; launches check again each time. */
    private static void checkLaunching(ImConfig config, InstanceLauncher launcher) {
        if (config.instances().launch() == InstancesConfig.Launch.DIRECT) {
            LOG.warning("instances.launch is direct (development): instances run as this service's own user, without sudo");
            return;
        }
        List<String> problems = launcher.unsafe();
        InstallCheck.shortened(problems, MAX_PROBLEM_LINES).forEach(problem -> LOG.severe("user instances will not launch: " + problem));
        if (!problems.isEmpty()) {
            LOG.severe("IM/Server answers UCloud's system calls, but no user can be served until "
                    + (problems.size() == 1 ? "this problem is" : "these " + problems.size() + " problems are")
                    + " fixed; every launch checks again");
        }
    }

    private static InstanceLauncher launcher(ImConfig config) {
        InstancesConfig instances = config.instances();
        return switch (instances.launch()) {
            case SUDO -> new SudoLauncher(instances);
            case DIRECT -> new DirectLauncher(Path.of(ProcessHandle.current().info().command().orElse("java")),
                    System.getProperty("java.class.path"), config.directory(), ProcessIdentity.effectiveUid());
        };
    }

    /** The gateway, with HTTPS when {@code gateway.tls} names a certificate and key (their problems stop the start). */
    private static EmbeddedGateway startGateway(ImConfig config, InetSocketAddress systemBackend,
                                                ColdStart coldStart) throws ImServer.StartupFailure {
        var bind = new InetSocketAddress(config.gateway().host(), config.gateway().port());
        GatewayLimits limits = config.gateway().limits();
        var settings = EmbeddedGateway.Settings.defaults(bind, systemBackend, coldStart)
                .trusting(TrustedProxies.of(config.gateway().trustedProxies()))
                .withMaxConnections(limits.maxConnections())
                .withLimits(new ClientLimits(limits.maxHeaderFields(), limits.maxRequestLineBytes(),
                        limits.headTimeout(), limits.keepAliveTimeout(), limits.maxConnectionsPerAddress()));
        try {
            Optional<GatewayTls> tls = config.gateway().tls();
            return tls.isEmpty() ? EmbeddedGateway.start(settings) : EmbeddedGateway.start(settings, tlsFiles(tls.get()));
        } catch (CertificateRefused refused) {
            throw new ImServer.StartupFailure("gateway.tls: " + refused.getMessage());
        } catch (IOException e) {
            throw new ImServer.StartupFailure("the gateway cannot listen on " + bind + " (" + e.getMessage()
                    + "); choose another gateway.port or stop what uses it");
        }
    }

    /**
     * The configured files; the key file (a link's target) is checked as {@code secrets.yml} is, and must belong to the
     * account IM/Server runs as, at start and before every reload.
     */
    private static TlsFiles tlsFiles(GatewayTls tls) {
        int serviceUid = ProcessIdentity.effectiveUid();
        return new TlsFiles(tls.certificate(), tls.key(), file -> {
            try {
                GatewayTls.checkKeyFile(file, serviceUid);
            } catch (ConfigException e) {
                throw new CertificateRefused(e.getMessage());
            }
        });
    }

    /**
     * HAProxy is the public listener: routes go to its map as well as to the embedded gateway, which HAProxy falls back
     * to. Says at start-up when HAProxy's account is unknown, since instances would then refuse its connections.
     */
    private static HaproxyRoutes startHaproxyRoutes(ImConfig config, RouteTable embedded, EmbeddedGateway gateway)
            throws ImServer.StartupFailure {
        HaproxyConfig haproxy = config.gateway().haproxy();
        try {
            if (new NssAccounts().byName(haproxy.user()).isEmpty()) {
                LOG.severe("gateway.haproxy.user " + haproxy.user() + " is not an account here; instances admit only"
                        + " connections from HAProxy's account, so HAProxy's requests to them will fail");
            }
            HaproxyRoutes routes = HaproxyRoutes.start(embedded, haproxy, HAPROXY_POLL);
            LOG.info("gateway.type haproxy: HAProxy routes users with an instance straight to it (runtime API "
                    + haproxy.runtimeSocket() + ", map " + haproxy.mapFile() + ") and sends everything else to the"
                    + " embedded gateway on " + gateway.address());
            return routes;
        } catch (IOException e) {
            gateway.close();
            throw new ImServer.StartupFailure("cannot write HAProxy's routes map " + haproxy.mapFile() + " (" + e
                    + "); make its directory belong to the service user, or set gateway.haproxy.mapFile");
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warning("closing " + closeable + ": " + e);
        }
    }

    InetSocketAddress gatewayAddress() {
        return gateway.address();
    }

    /** Routes up now, as the supervisor announced them. */
    int routeCount() {
        return ((LateRoutes) supervisor.routes()).up.size();
    }

    @Override
    public void close() {
        supervisor.close();
        closeQuietly(ingress); // after the supervisor took every route down, so HAProxy's map ends empty
        ipc.close();
        gateway.close();
    }

    /** The supervisor needs routes before the gateway exists (the gateway needs the supervisor for cold starts). */
    private static final class LateRoutes implements RouteTable {
        volatile RouteTable target;
        /** Whose routes are up (counted for metrics). */
        final java.util.Set<String> up = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public void up(String ucloudUsername, int port) {
            target.up(ucloudUsername, port);
            up.add(ucloudUsername);
        }

        @Override
        public void down(String ucloudUsername) {
            target.down(ucloudUsername);
            up.remove(ucloudUsername);
        }

        @Override
        public long quietMillis(String ucloudUsername) {
            return target.quietMillis(ucloudUsername);
        }
    }

    /** The embedded gateway's own routes, and how long it saw nothing of a user. */
    private record EmbeddedRoutes(EmbeddedGateway gateway) implements RouteTable {
        @Override
        public void up(String ucloudUsername, int port) {
            gateway.up(ucloudUsername, port);
        }

        @Override
        public void down(String ucloudUsername) {
            gateway.down(ucloudUsername);
        }

        @Override
        public long quietMillis(String ucloudUsername) {
            return gateway.quietMillis(ucloudUsername);
        }
    }
}
