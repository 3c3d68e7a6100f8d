package dk.sdu.im.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.Json;
import dk.sdu.im.api.auth.CoreTokenVerifier;
import dk.sdu.im.api.host.ProcessIdentity;
import dk.sdu.im.api.log.Audit;
import dk.sdu.im.api.log.RequestLog;
import dk.sdu.im.api.rpc.CallerResolver;
import dk.sdu.im.api.rpc.RpcServer;
import dk.sdu.im.config.DatabaseConfig;
import dk.sdu.im.config.ImConfig;
import dk.sdu.im.config.Secrets;
import dk.sdu.im.db.Database;
import dk.sdu.im.db.DatabaseException;
import dk.sdu.im.db.DatabaseSettings;
import dk.sdu.im.ipc.kernel.PeerAccounts;
import dk.sdu.im.server.admin.AdminDesk;
import dk.sdu.im.server.calls.ConnectHelpPage;
import dk.sdu.im.server.identity.AdminGroup;
import dk.sdu.im.server.calls.IntegrationCalls;
import dk.sdu.im.server.calls.ProductsCalls;
import dk.sdu.im.server.calls.ServerRoutes;
import dk.sdu.im.server.calls.TaskCalls;
import dk.sdu.im.server.identity.LocalAccounts;
import dk.sdu.im.server.identity.UserContextClaims;
import dk.sdu.im.server.identity.UserDirectory;
import dk.sdu.im.server.ucloud.AccessTokens;
import dk.sdu.im.server.ucloud.Backoff;
import dk.sdu.im.server.ucloud.CoreClient;
import dk.sdu.im.server.ucloud.CoreHttp;
import dk.sdu.im.server.ucloud.JobClient;
import dk.sdu.im.server.jobs.ServerJobs;
import dk.sdu.im.server.metrics.LastKnown;
import dk.sdu.im.server.metrics.MetricsListener;
import dk.sdu.im.server.metrics.Readiness;
import dk.sdu.im.server.metrics.ServerMetrics;
import dk.sdu.im.server.metrics.Version;
import dk.sdu.im.server.ucloud.CoreReach;
import dk.sdu.im.config.MetricsConfig;
import java.util.Optional;
import dk.sdu.im.server.ucloud.DriveRegistration;
import dk.sdu.im.server.ucloud.ProductCatalogue;
import dk.sdu.im.server.ucloud.ProductRegistration;
import dk.sdu.im.server.ucloud.TaskClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * IM/Server's composition root: builds every service from validated configuration and starts serving.
 * Tests start it in-process with their own clock, accounts and backoff; {@link ServerMain} starts it for real.
 */
public final class ImServer implements AutoCloseable {
    private static final Duration RENEW_ACCESS_TOKEN_BEFORE = Duration.ofMinutes(3);
    /** How often a scrape may read the tracked jobs' states from the database (ucloud_im_jobs). */
    private static final Duration JOB_STATES_PERIOD = Duration.ofSeconds(10);

    private final Database database;
    private final RpcServer rpc;
    private final Front front;
    private final Thread registration;

    private final ServerJobs jobs;
    private final Optional<MetricsListener> metrics;

    private ImServer(Database database, RpcServer rpc, Front front, Thread registration, ServerJobs jobs,
                     Optional<MetricsListener> metrics) {
        this.metrics = metrics;
        this.jobs = jobs;
        this.database = database;
        this.rpc = rpc;
        this.front = front;
        this.registration = registration;
    }

    /**
     * What the server is built from; everything here is already validated. {@code socketOwners} names the account
     * behind each connection to IM/Server's own API ({@link PeerAccounts#kernel()} for real).
     */
    public record Dependencies(ImConfig config, Secrets secrets, RSAPublicKey ucloudKey, Clock clock,
                               LocalAccounts accounts, Backoff backoff, Consumer<String> fatal,
                               PeerAccounts.Owners socketOwners) {
    }

    public static ImServer start(Dependencies deps) throws StartupFailure {
        ImConfig config = deps.config();
        Database database = openDatabase(config.database(), deps.secrets(), deps.clock());
        // Metrics only when server.metrics asks for them: without the listener nothing is counted.
        Optional<ServerMetrics> metrics = config.server().metrics().map(m -> new ServerMetrics(Version.current()));
        try {
            var audit = new Audit(); // the one audit trail of the process, so its throttle holds for all (see Audit)
            UserDirectory directory = new UserDirectory(database.userMappings(), deps.accounts(),
                    config.identity().staticMappings(), config.identity().minUid(), audit);
            directory.reconcile();
            ObjectMapper mapper = Json.boundaryMapper();
            HttpClient http = coreHttp(config);
            var tokens = new AccessTokens(config.core().url(), deps.secrets().refreshToken(), http, mapper, deps.clock(),
                    RENEW_ACCESS_TOKEN_BEFORE);
            var reach = new CoreReach(deps.clock());
            var core = new CoreClient(config.core().url(), http, mapper, tokens, reach);
            var catalogue = new ProductCatalogue(config.provider().id(), config.products(), config.compute().enabled());
            var drives = new DriveRegistration(core, config.provider().id(), config.drives(), config.products());
            ServerJobs jobs = startJobs(config, database, new JobClient(core), drives, deps.clock());
            var verifier = new CoreTokenVerifier(deps.ucloudKey(), config.core().issuer(), config.core().clockSkew(), deps.clock());
            var claims = UserContextClaims.open(config.core().userContext(), database.claimSightings(), verifier);
            var supervisor = Front.supervisor(config, directory, deps.clock(), drives, new TaskClient(core), claims, audit);
            claims.rule().onSwitch(token -> supervisor.claimRequired()); // after the switch is recorded
            supervisor.jobs(jobs.desk());
            metrics.ifPresent(m -> supervisor.events(m.instanceEvents()));
            var integration = new IntegrationCalls(directory, core, config.core().publicUrl(), config.provider().publicUrl(),
                    config.provider().id(), new ConnectHelpPage(config.provider().id(), config.identity().unmappedMessage()),
                    supervisor::instancePort, drives, servable(config));
            var routes = ServerRoutes.routes(config.provider().id(), new ProductsCalls(catalogue, jobs::queueStatus), integration,
                    new TaskCalls(supervisor::cancelTask));
            var callers = new CallerResolver(verifier, claims.rule(),
                    (reason, claimedUser) -> audit.tokenRejected("im-server", reason, claimedUser));
            var settings = new RpcServer.Settings(callers, mapper, config.server().maxRequestBytes(),
                    metrics.map(m -> new RequestLog(m.requests())).orElseGet(RequestLog::new));
            RpcServer rpc = listen(config, routes, settings, ownAccount(deps.socketOwners()));
            Front front;
            try {
                var admins = new AdminGroup(config.server().adminGroup(), deps.accounts(), deps.clock());
                var driveView = new AdminDesk.Drives(config.drives(), deps.accounts(), drives::driveIds);
                front = Front.start(config, supervisor, verifier, rpc.address(), admins,
                        routeView -> new AdminDesk(directory, supervisor, routeView, driveView, database.trackedJobs()), audit);
            } catch (StartupFailure failure) {
                rpc.close();
                supervisor.close();
                jobs.close();
                throw failure;
            }
            Optional<MetricsListener> listener;
            try {
                listener = startMetrics(config, metrics, new ServerMetrics.Sources(supervisor::running, front::routeCount,
                        database::poolUse, reach, new LastKnown<>(() -> jobStates(database), java.util.Map.of(), JOB_STATES_PERIOD,
                        deps.clock())), new Readiness(new Readiness.Checks(
                        database::check, supervisor::launchProblems, reach, core::probe), deps.clock()));
            } catch (StartupFailure failure) {
                front.close();
                rpc.close();
                jobs.close();
                throw failure;
            }
            Thread registration = Thread.ofVirtual().name("product-registration").start(
                    new ProductRegistration(core, mapper, config.provider().id(), catalogue, deps.backoff(), deps.fatal()));
            return new ImServer(database, rpc, front, registration, jobs, listener);
        } catch (UserDirectory.IdentityProblem problem) {
            database.close();
            throw new StartupFailure("identity.mappings: " + problem.getMessage());
        } catch (StartupFailure | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The metrics and health listener of {@code server.metrics}, when configured. */
    private static Optional<MetricsListener> startMetrics(ImConfig config, Optional<ServerMetrics> metrics,
                                                          ServerMetrics.Sources sources, Readiness readiness)
            throws StartupFailure {
        if (metrics.isEmpty()) {
            return Optional.empty();
        }
        MetricsConfig listen = config.server().metrics().orElseThrow();
        metrics.get().watch(sources);
        try {
            return Optional.of(MetricsListener.start(listen, metrics.get(), readiness, Version.current()));
        } catch (IOException e) {
            throw new StartupFailure("cannot listen on " + listen.host() + ":" + listen.port() + " for metrics ("
                    + e.getMessage() + "); choose another server.metrics.port or stop what uses it");
        }
    }

    /** Tracked jobs not yet over, by the last state UCloud accepted ({@code SUBMITTED} before the first). */
    private static java.util.Map<String, Integer> jobStates(Database database) {
        var states = new java.util.TreeMap<String, Integer>();
        database.trackedJobs().active().forEach(job -> states.merge(job.lastState().orElse("SUBMITTED"), 1, Integer::sum));
        return states;
    }

    private static HttpClient coreHttp(ImConfig config) throws StartupFailure {
        try {
            return CoreHttp.client(config.core());
        } catch (CoreHttp.Refused refused) {
            throw new StartupFailure(refused.getMessage());
        }
    }

    private static ServerJobs startJobs(ImConfig config, Database database, JobClient core, DriveRegistration drives,
                                        Clock clock) throws StartupFailure {
        try {
            return ServerJobs.start(config, database.trackedJobs(), core, drives, clock);
        } catch (ServerJobs.Misconfigured misconfigured) {
            throw new StartupFailure("compute: " + misconfigured.getMessage());
        }
    }

    /** Under sudo, only members of the sudo rule's group can be launched; a direct (development) launch runs anyone. */
    private static java.util.function.Predicate<dk.sdu.im.server.identity.LocalAccount> servable(ImConfig config) {
        if (config.instances().launch() == dk.sdu.im.config.InstancesConfig.Launch.DIRECT) {
            return account -> true;
        }
        return new dk.sdu.im.server.identity.GroupMembership(config.instances().userGroup())::includes;
    }

    private static Database openDatabase(DatabaseConfig config, Secrets secrets, Clock clock) throws StartupFailure {
        DatabaseSettings settings = switch (config.kind()) {
            case SQLITE -> DatabaseSettings.sqlite(config.sqliteFile());
            case POSTGRESQL -> DatabaseSettings.postgresql(config.jdbcUrl(), config.user(), secrets.databasePassword(),
                    config.poolSize());
        };
        try {
            return Database.open(settings, clock);
        } catch (DatabaseException e) {
            throw new StartupFailure("database: " + e.getMessage());
        }
    }

    /**
     * Who may connect to IM/Server's own API: its own account, where the embedded gateway runs, and root; any other
     * local user's connection is closed unread, as an instance's are (DESIGN 4.11). {@code server.host} is always
     * loopback (ServerConfig), so every peer is on this host and the kernel can name its owner.
     */
    private static PeerAccounts ownAccount(PeerAccounts.Owners owners) {
        return PeerAccounts.accountAndRoot(ProcessIdentity.effectiveUid(), owners, "IM/Server's own account");
    }

    private static RpcServer listen(ImConfig config, java.util.List<dk.sdu.im.api.rpc.Route> routes,
                                    RpcServer.Settings settings, PeerAccounts peers) throws StartupFailure {
        var bind = new InetSocketAddress(config.server().host(), config.server().port());
        try {
            return RpcServer.start(bind, routes, settings, peers::admits);
        } catch (IOException e) {
            throw new StartupFailure("cannot listen on " + config.server().host() + ":" + config.server().port()
                    + " (" + e.getMessage() + "); choose another server.port or stop what uses it");
        }
    }

    /** IM/Server's own loopback API (system calls), open to its own account and root only. */
    public InetSocketAddress address() {
        return rpc.address();
    }

    /** The metrics and health listener, when {@code server.metrics} configures one. */
    public Optional<InetSocketAddress> metricsAddress() {
        return metrics.map(MetricsListener::address);
    }

    /** The embedded gateway, the public listener UCloud calls. */
    public InetSocketAddress gatewayAddress() {
        return front.gatewayAddress();
    }

    @Override
    public void close() {
        metrics.ifPresent(MetricsListener::close);
        registration.interrupt();
        front.close();
        rpc.close();
        jobs.close();
        database.close();
    }


    /** The server cannot start; the message is one line for the administrator. */
    public static final class StartupFailure extends Exception {
        public StartupFailure(String message) {
            super(message);
        }
    }
}
