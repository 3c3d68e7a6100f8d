package dk.sdu.im.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The embedded gateway (DESIGN 2): the integration module's only public listener, an HTTP/1.1 reverse
 * proxy that routes each request by UCloud username to that user's IM/User instance on loopback, or to
 * IM/Server, and passes WebSocket upgrades through as tunnels.
 *
 * <p>Runs inside IM/Server, as the service user; IM/Server refuses to run as root, so the gateway does
 * not check again. It trusts nothing it receives (see the package documentation) and only routes: the
 * backends verify every token themselves.
 *
 * <p>HTTPS: started with {@link TlsFiles}, the gateway speaks TLS 1.2 and 1.3 to its clients, with the certificate
 * those files hold, renewed without a restart (see {@link TlsFiles}); started without, plain HTTP, for a loopback
 * address behind the site's own TLS terminator. Backends are always reached over plain loopback HTTP.
 *
 * <p>Threading: one thread per client connection (its TLS handshake included), a pooled platform thread while one
 * is free and a virtual one beyond ({@link ConnectionThreads}), plus a virtual one per request body being streamed,
 * per bulk copy and per open tunnel, and one that watches the certificate files. {@link Routes} methods and {@link #openConnections} may be called from any
 * thread at any time. {@link #close} stops listening and ends every connection.
 */
public final class EmbeddedGateway implements Routes, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EmbeddedGateway.class.getName());
    /** How long an idle backend connection is kept for reuse: well below the JDK server's 30 s idle close. */
    private static final Duration POOLED_IDLE = Duration.ofSeconds(5);

    private final ServerSocket listener;
    private final RouteTable routes;
    private final OpenConnections open;
    private final BackendPool pool;
    private final ExecutorService threads;
    private final ConnectionThreads connections;
    private final Semaphore connectionSlots;
    private final ConnectionsPerAddress perAddress;
    private final ProxyContext context;
    private final ClientTransport transport;
    private volatile boolean closed;

    private EmbeddedGateway(ServerSocket listener, Settings settings, ClientTransport transport,
            Optional<KernelSplice> splice) {
        this.transport = transport;
        this.listener = listener;
        this.routes = new RouteTable();
        this.open = new OpenConnections();
        this.pool = new BackendPool(POOLED_IDLE);
        this.threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("im-gateway-", 0).factory());
        this.connections = new ConnectionThreads(threads);
        this.connectionSlots = new Semaphore(settings.maxConnections());
        this.perAddress = new ConnectionsPerAddress(settings.limits().maxConnectionsPerAddress());
        Backends backends = new Backends(settings.systemBackend(), routes, settings.coldStart(), settings.idleTimeout());
        this.context = new ProxyContext(backends, pool, open, threads, settings.connectTimeout(), settings.idleTimeout(),
                settings.maxHeaderBytes(), settings.trustedProxies(), settings.limits(), transport,
                new Forwarding(transport.secure()), splice);
    }

    /**
     * Binds {@link Settings#bind()} and starts serving plain HTTP.
     *
     * @throws IOException if the address cannot be bound
     */
    public static EmbeddedGateway start(Settings settings) throws IOException {
        return start(settings, ClientTransport.PLAIN, KernelSplice.link());
    }

    /**
     * Checks the certificate files, binds {@link Settings#bind()} and starts serving HTTPS.
     *
     * @throws CertificateRefused if the files cannot be served (nothing listens then)
     * @throws IOException if the address cannot be bound
     */
    public static EmbeddedGateway start(Settings settings, TlsFiles tls) throws IOException, CertificateRefused {
        TlsTransport transport = TlsTransport.start(tls, Clock.systemUTC());
        try {
            return start(settings, transport, KernelSplice.link());
        } catch (IOException e) {
            transport.close();
            throw e;
        }
    }

    /** Plain HTTP with bulk copies inside the kernel through {@code splice}, or through user space when empty (tests). */
    static EmbeddedGateway start(Settings settings, Optional<KernelSplice> splice) throws IOException {
        return start(settings, ClientTransport.PLAIN, splice);
    }

    private static EmbeddedGateway start(Settings settings, ClientTransport transport, Optional<KernelSplice> splice)
            throws IOException {
        // A channel's socket (and so are the backend sockets, see Exchange): its reads and writes take as much as
        // the copy buffer holds in one system call, where a plain socket splits each into 128 KiB pieces.
        ServerSocket listener = ServerSocketChannel.open().socket();
        try {
            listener.setReuseAddress(true);
            listener.bind(settings.bind(), 128);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        EmbeddedGateway gateway = new EmbeddedGateway(listener, settings, transport, splice);
        gateway.threads.execute(gateway::acceptLoop);
        LOG.log(System.Logger.Level.INFO, "gateway listening on {0} ({1})", gateway.address(),
                transport.secure() ? "https" : "http");
        return gateway;
    }

    /** The bound address; with port 0 in the settings, the port the system chose. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /**
     * Requests in flight (held for a cold start, forwarded, or being answered) plus open WebSocket
     * tunnels for this user. The user's instance is idle when this is 0.
     */
    public int openConnections(String ucloudUsername) {
        return open.count(ucloudUsername);
    }

    /** 0 while this user has an exchange open, else milliseconds since the last one ended ({@code MAX_VALUE}: none). */
    public long quietMillis(String ucloudUsername) {
        return open.quietMillis(ucloudUsername);
    }

    @Override
    public void up(String ucloudUsername, int port) {
        routes.up(ucloudUsername, port);
        pool.forget(new Destination.UserInstance(ucloudUsername));
    }

    @Override
    public void down(String ucloudUsername) {
        routes.down(ucloudUsername);
        open.forget(ucloudUsername);
        pool.forget(new Destination.UserInstance(ucloudUsername));
    }

    @Override
    public Map<String, Integer> list() {
        return routes.list();
    }

    /** Stops listening and ends every connection and tunnel (their threads are interrupted). */
    @Override
    public void close() {
        closed = true;
        transport.close();
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the listener: {0}", e.toString());
        }
        threads.shutdownNow();
        connections.shutdownNow();
        pool.close();
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS) || !connections.awaitTermination(Duration.ofSeconds(1))) {
                LOG.log(System.Logger.Level.WARNING, "gateway connections did not end within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Client connections being served for {@code address} (refused ones are not counted). */
    int connectionsFrom(InetAddress address) {
        return perAddress.open(address);
    }

    /**
     * Accepts while a connection slot is free; at {@code maxConnections} new clients wait in the backlog. A client
     * address at its {@link ClientLimits#maxConnectionsPerAddress()} has its new connection closed at once.
     */
    private void acceptLoop() {
        while (!closed) {
            try {
                connectionSlots.acquire();
                Socket socket = acceptOrNull();
                if (socket != null) {
                    dispatch(socket);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Socket acceptOrNull() throws InterruptedException {
        try {
            return listener.accept();
        } catch (IOException e) {
            connectionSlots.release();
            if (!closed) {
                LOG.log(System.Logger.Level.WARNING, "accept failed: {0}", e.toString());
                Thread.sleep(100);
            }
            return null;
        }
    }

    private void dispatch(Socket socket) {
        InetAddress address = socket.getInetAddress();
        if (!perAddress.tryOpen(address)) {
            LOG.log(System.Logger.Level.DEBUG, "refused a connection from {0}: too many open", address);
            refuse(socket);
            return;
        }
        try {
            connections.execute(() -> {
                try {
                    new ClientConnection(context, socket).serve();
                } finally {
                    perAddress.closed(address);
                    connectionSlots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            perAddress.closed(address);
            refuse(socket);
        }
    }

    private void refuse(Socket socket) {
        connectionSlots.release();
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }

    /**
     * How the gateway listens and where it forwards; validated when built, fixed afterwards.
     *
     * @param bind the public interface and port to listen on; port 0 picks a free port (tests)
     * @param systemBackend IM/Server's loopback address; it receives every request without a user, and
     *     every {@code integration/init}
     * @param coldStart starts a user's instance when a request names a user without a route
     * @param connectTimeout how long connecting to a backend may take before the client gets a 502
     * @param idleTimeout how long a connection may be silent: a client between or inside requests, a
     *     backend before or inside its response (504 before the response head), a tunnel in both
     *     directions; also the longest the gateway waits for a cold start (then 503, which UCloud
     *     retries through {@code integration/init})
     * @param maxHeaderBytes the largest request or response head, and the largest chunked trailer
     *     section, in bytes (e.g. 64 KiB); a larger request head gets a 431
     * @param maxConnections the most client connections served at once; further clients wait in the
     *     listen backlog until a connection ends
     * @param trustedProxies the site's own proxies in front of the gateway, whose {@code X-Forwarded-For} and
     *     {@code X-Forwarded-Proto} are extended and kept; everyone else's are replaced
     * @param limits what one client may send and hold: header fields, request line, the time a head may take and a
     *     kept-alive connection may wait, connections per client address ({@link ClientLimits})
     */
    public record Settings(
            InetSocketAddress bind,
            InetSocketAddress systemBackend,
            ColdStart coldStart,
            Duration connectTimeout,
            Duration idleTimeout,
            int maxHeaderBytes,
            int maxConnections,
            TrustedProxies trustedProxies,
            ClientLimits limits) {
        public Settings {
            Objects.requireNonNull(bind, "bind");
            Objects.requireNonNull(systemBackend, "systemBackend");
            Objects.requireNonNull(coldStart, "coldStart");
            requireMillis(connectTimeout, "connectTimeout");
            requireMillis(idleTimeout, "idleTimeout");
            if (maxHeaderBytes < 1024 || maxHeaderBytes > 1 << 20) {
                throw new IllegalArgumentException("maxHeaderBytes must be 1 KiB to 1 MiB: " + maxHeaderBytes);
            }
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
            }
            Objects.requireNonNull(trustedProxies, "trustedProxies");
            Objects.requireNonNull(limits, "limits");
            if (limits.maxRequestLineBytes() > maxHeaderBytes) {
                throw new IllegalArgumentException("maxRequestLineBytes must not exceed maxHeaderBytes: "
                        + limits.maxRequestLineBytes());
            }
            if (limits.keepAliveTimeout().compareTo(idleTimeout) > 0) {
                throw new IllegalArgumentException("keepAliveTimeout must not exceed idleTimeout: "
                        + limits.keepAliveTimeout());
            }
        }

        /** Settings without trusted proxies and with the {@link ClientLimits#defaults() default client limits}, the keep-alive timeout at most {@code idleTimeout}. */
        public Settings(InetSocketAddress bind, InetSocketAddress systemBackend, ColdStart coldStart,
                Duration connectTimeout, Duration idleTimeout, int maxHeaderBytes, int maxConnections) {
            this(bind, systemBackend, coldStart, connectTimeout, idleTimeout, maxHeaderBytes, maxConnections,
                    TrustedProxies.none(), defaultLimitsWithin(idleTimeout));
        }

        /**
         * Settings with the defaults: connect timeout 2 s, idle timeout 5 minutes, 64 KiB heads,
         * 10,000 connections, no trusted proxies, the {@link ClientLimits#defaults() default client limits}.
         */
        public static Settings defaults(InetSocketAddress bind, InetSocketAddress systemBackend, ColdStart coldStart) {
            return new Settings(bind, systemBackend, coldStart, Duration.ofSeconds(2), Duration.ofMinutes(5),
                    64 * 1024, 10_000, TrustedProxies.none(), ClientLimits.defaults());
        }

        /** These settings with {@code proxies} as the trusted proxies. */
        public Settings trusting(TrustedProxies proxies) {
            return new Settings(bind, systemBackend, coldStart, connectTimeout, idleTimeout, maxHeaderBytes,
                    maxConnections, proxies, limits);
        }

        /** These settings with {@code limits} as the client limits. */
        public Settings withLimits(ClientLimits limits) {
            return new Settings(bind, systemBackend, coldStart, connectTimeout, idleTimeout, maxHeaderBytes,
                    maxConnections, trustedProxies, limits);
        }

        /** These settings with {@code maxConnections} as the most client connections served at once. */
        public Settings withMaxConnections(int maxConnections) {
            return new Settings(bind, systemBackend, coldStart, connectTimeout, idleTimeout, maxHeaderBytes,
                    maxConnections, trustedProxies, limits);
        }

        private static ClientLimits defaultLimitsWithin(Duration idleTimeout) {
            ClientLimits limits = ClientLimits.defaults();
            return idleTimeout != null && limits.keepAliveTimeout().compareTo(idleTimeout) > 0 ? limits.withKeepAliveTimeout(idleTimeout) : limits;
        }

        static void requireMillis(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.toMillis() < 1 || duration.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + " must be 1 ms to 24 days: " + duration);
            }
        }
    }
}
