package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A running stand-in for UCloud/Core on loopback: the endpoints a provider calls (contract 2.3, 4, 7), an
 * inspection API for tests, and fault injection. Start one per test (or per class), register providers,
 * point the provider at {@link #baseUri()}, and close it afterwards.
 *
 * <p>Trust: every request is untrusted and checked as Core checks it (provider access token, ownership of
 * products, drives and jobs). Thread-safe: the HTTP server runs each request on its own virtual thread, and
 * every inspection method returns an immutable snapshot (JSON trees are deep copies).
 */
public final class FakeCore implements AutoCloseable {
    private final Options options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Catalogues catalogues;
    private final FaultInjector faults = new FaultInjector();
    private final RequestLog log = new RequestLog();

    /**
     * How to run a FakeCore.
     *
     * @param bind                where to listen; default 127.0.0.1 with an ephemeral port
     * @param clock               the clock for token times, {@code createdAt} and update timestamps; default UTC
     * @param accessTokenLifetime lifetime of the provider access tokens it issues; default 10 minutes
     * @param issuer              {@code iss} of every token it mints and expects; default {@code cloud.sdu.dk}
     */
    public record Options(InetSocketAddress bind, Clock clock, Duration accessTokenLifetime, String issuer) {
        public static final String DEFAULT_ISSUER = "cloud.sdu.dk";

        public Options {
            Objects.requireNonNull(bind, "bind");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(issuer, "issuer");
            if (accessTokenLifetime == null || accessTokenLifetime.isNegative() || accessTokenLifetime.isZero()) {
                throw new IllegalArgumentException("accessTokenLifetime must be positive");
            }
            if (issuer.isBlank()) {
                throw new IllegalArgumentException("issuer must not be blank");
            }
        }

        public static Options defaults() {
            return new Options(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Clock.systemUTC(),
                    Duration.ofMinutes(10), DEFAULT_ISSUER);
        }

        public Options withBind(InetSocketAddress bind) {
            return new Options(bind, clock, accessTokenLifetime, issuer);
        }

        /** Binds to 127.0.0.1 on {@code port} (0 = ephemeral). */
        public Options withPort(int port) {
            return withBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }

        public Options withClock(Clock clock) {
            return new Options(bind, clock, accessTokenLifetime, issuer);
        }

        public Options withAccessTokenLifetime(Duration accessTokenLifetime) {
            return new Options(bind, clock, accessTokenLifetime, issuer);
        }

        public Options withIssuer(String issuer) {
            return new Options(bind, clock, accessTokenLifetime, issuer);
        }
    }

    private FakeCore(Options options) throws IOException {
        this.options = options;
        this.catalogues = Catalogues.create(options.issuer(), options.clock(), options.accessTokenLifetime());
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.server = HttpServer.create(options.bind(), 0);
        server.createContext("/", new CoreHttpHandler(new CoreRoutes(catalogues), catalogues.accessTokens(), faults,
                log, JsonMapper.builder().build()));
        server.setExecutor(executor);
        server.start();
    }

    /** Starts with {@link Options#defaults()}. */
    public static FakeCore start() {
        return start(Options.defaults());
    }

    /** Starts listening at once; fails with {@link UncheckedIOException} if the address cannot be bound. */
    public static FakeCore start(Options options) {
        try {
            return new FakeCore(Objects.requireNonNull(options, "options"));
        } catch (IOException e) {
            throw new UncheckedIOException("FakeCore cannot listen on " + options.bind(), e);
        }
    }

    /** For example {@code http://127.0.0.1:41234}, without a trailing slash. */
    public URI baseUri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getHostString();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    public Options options() {
        return options;
    }

    // ---- providers ------------------------------------------------------------------------------------

    /** Registers a provider: a fresh RSA-2048 key pair and a 64-hex refresh token (contract 2.1). */
    public Provider registerProvider(String providerId) {
        return catalogues.providers().register(providerId);
    }

    /** A registered provider; {@link IllegalArgumentException} if there is none. */
    public Provider provider(String providerId) {
        return catalogues.providers().find(providerId)
                .orElseThrow(() -> new IllegalArgumentException("no such provider: " + providerId));
    }

    // ---- test setup -----------------------------------------------------------------------------------

    /**
     * Creates a job owned by {@code providerId}, as if a user had submitted it: state {@code IN_QUEUE},
     * {@code updates []}, personal workspace. Returns the job as Core would send it to the provider.
     */
    public ObjectNode createJob(String providerId, String jobId, String createdBy, ObjectNode specification) {
        return createJob(providerId, JobTrees.job(jobId, createdBy, null, specification));
    }

    /** Creates a job from a full or partial Job tree (must have {@code id}); missing parts get defaults. */
    public ObjectNode createJob(String providerId, ObjectNode job) {
        provider(providerId);
        return catalogues.jobs().create(providerId, job);
    }

    /** A product Core already has, e.g. to test that the provider notices an accounting-unit mismatch. */
    public void seedProduct(ObjectNode productV2) {
        catalogues.products().seed(productV2);
    }

    /**
     * Records the id the provider answered {@code jobs/create} with as {@code providerGeneratedId}, as Core does when
     * it is non-empty (contract 3.5.1); later calls carrying the job then carry it.
     */
    public void providerCreatedJob(String jobId, String providerGeneratedId) {
        catalogues.jobs().providerGeneratedId(jobId, providerGeneratedId);
    }

    /** Makes {@code reportUsage} answer false for this wallet (owner = username or project id). */
    public void lockWallet(String owner, String category) {
        catalogues.usage().lock(owner, category);
    }

    public void unlockWallet(String owner, String category) {
        catalogues.usage().unlock(owner, category);
    }

    /** While on, every request is answered 503 {@code "Service unavailable"}, as if Core were down. */
    public void setOutage(boolean on) {
        faults.setOutage(on);
    }

    /** The next {@code times} requests to exactly {@code path} answer {@code status} (0 cancels). */
    public void failNext(String path, int status, int times) {
        faults.failNext(path, status, times);
    }

    /**
     * Serves extra routes under {@code pathPrefix} (which must start with {@code /_testkit/}), outside
     * Core's own routes: no auth, no recording, no fault injection. Used by the standalone mode's proxy.
     */
    public void mount(String pathPrefix, HttpHandler handler) {
        if (pathPrefix == null || !pathPrefix.startsWith("/_testkit/")) {
            throw new IllegalArgumentException("extra routes must live under /_testkit/: " + pathPrefix);
        }
        server.createContext(pathPrefix, handler);
    }

    // ---- inspection -----------------------------------------------------------------------------------

    /** Requests handled so far, in completion order (the latest 50,000-100,000 once there were more). */
    public List<RecordedRequest> requests() {
        return log.snapshot();
    }

    public void clearRequests() {
        log.clear();
    }

    /**
     * Waits until a request matching {@code matcher} has been handled (including ones handled before this
     * call); its effects are visible when this returns true. False after {@code timeout}.
     */
    public boolean awaitRequest(Predicate<RecordedRequest> matcher, Duration timeout) throws InterruptedException {
        return log.await(matcher, timeout);
    }

    public Set<String> approvedConnections(String providerId) {
        return catalogues.connections().approved(providerId);
    }

    public Set<String> clearedConnections(String providerId) {
        return catalogues.connections().cleared(providerId);
    }

    public List<JsonNode> products(String providerId) {
        return catalogues.products().of(providerId);
    }

    public List<JsonNode> drives(String providerId) {
        return catalogues.drives().of(providerId);
    }

    /** The job with its {@code updates}, or null if there is no such job. */
    public JsonNode job(String jobId) {
        return catalogues.jobs().snapshot(jobId);
    }

    /** Tasks in creation order: the created fields plus {@code provider}, {@code updates}, {@code complete}. */
    public List<JsonNode> tasks() {
        return catalogues.tasks().tasks();
    }

    /** Accepted usage-report items, in arrival order. */
    public List<JsonNode> usageReports() {
        return catalogues.usage().reports();
    }

    public int refreshCount(String providerId) {
        return catalogues.providers().refreshCount(providerId);
    }

    /** Stops listening at once and ends in-flight requests. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
