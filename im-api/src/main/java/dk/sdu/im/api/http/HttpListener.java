package dk.sdu.im.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpHandler;
import dk.sdu.im.api.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One HTTP listener (IM/User's only one; IM/Server's own API): accepts on a loopback address, serves each connection on its own virtual thread
 * ({@link ConnectionTask}) and routes requests by path: upgrades to their {@link SocketEndpoint}, plain requests to
 * their {@link PlainEndpoint}, every other request to a call handler ({@link Endpoints#calls()}).
 *
 * <p>Trust: only connections that the {@link PeerCheck} admits are read at all (both processes admit the gateway's
 * account and root alone); the gateway forwards browsers' requests unchanged and then splices bytes, so every byte is
 * still client input; see the package documentation for what is checked. Only loopback addresses are bound.
 */
public final class HttpListener implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HttpListener.class.getName());
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(2);
    /**
     * Open connections at most; more are closed at once. Only the gateway can connect (see {@link PeerCheck}), and
     * it holds a few per user, so this bounds memory against a gateway gone wrong, not against other users.
     */
    static final int MAX_CONNECTIONS = 512;
    /**
     * Connections the kernel queues before accept. A burst of other users' connects must not fill the queue, or the
     * gateway's next connect waits for a SYN retransmit (a second or more): each is refused in microseconds, so a
     * deep queue drains quickly.
     */
    static final int BACKLOG = 1024;

    private final ServerSocket listener;
    private final Endpoints endpoints;
    private final Settings settings;
    private final ObjectMapper json = Json.boundaryMapper();
    private final OpenConnections open = new OpenConnections();
    private final ExecutorService connections = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("http-", 1).factory());
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PeerCheck peers;
    private final int maxConnections;
    private final Thread acceptor;

    private HttpListener(ServerSocket listener, Endpoints endpoints, Settings settings, PeerCheck peers,
            int maxConnections) {
        this.maxConnections = maxConnections;
        this.listener = listener;
        this.endpoints = endpoints;
        this.settings = settings;
        this.peers = peers;
        this.acceptor = Thread.ofVirtual().name("http-accept").start(this::acceptLoop);
    }

    /**
     * Binds and starts accepting.
     *
     * @param bind a loopback address; port 0 picks a free port (see {@link #address()})
     * @param endpointsByExactPath endpoints by the request path they serve, percent-decoded, e.g. {@code /upload}
     * @throws IllegalArgumentException if the address is not loopback or a path does not start with {@code /}
     * @throws IOException if the address cannot be bound
     */
    public static HttpListener start(InetSocketAddress bind, Map<String, SocketEndpoint> endpointsByExactPath,
            Settings settings) throws IOException {
        return start(bind, new Endpoints(endpointsByExactPath, Map.of()), settings);
    }

    /**
     * Binds and starts accepting, with plain endpoints besides the upgrade endpoints.
     *
     * @throws IllegalArgumentException if the address is not loopback or a path does not start with {@code /}
     * @throws IOException if the address cannot be bound
     */
    public static HttpListener start(InetSocketAddress bind, Endpoints endpoints, Settings settings) throws IOException {
        return start(bind, endpoints, settings, PeerCheck.ANYONE);
    }

    /**
     * Binds and starts accepting connections that {@code peers} admits; every other connection is closed unread.
     *
     * @throws IllegalArgumentException if the address is not loopback or a path does not start with {@code /}
     * @throws IOException if the address cannot be bound
     */
    public static HttpListener start(InetSocketAddress bind, Endpoints endpoints, Settings settings, PeerCheck peers)
            throws IOException {
        return start(bind, endpoints, settings, peers, MAX_CONNECTIONS);
    }

    /**
     * As {@link #start(InetSocketAddress, Endpoints, Settings, PeerCheck)}, with at most {@code maxConnections} open
     * connections (a listener any local account may reach keeps this small: each holds a virtual thread and buffers).
     *
     * @throws IllegalArgumentException if the address is not loopback, a path does not start with {@code /}, or
     *     {@code maxConnections} is not 1 to {@value #MAX_CONNECTIONS}
     * @throws IOException if the address cannot be bound
     */
    public static HttpListener start(InetSocketAddress bind, Endpoints endpoints, Settings settings, PeerCheck peers,
            int maxConnections) throws IOException {
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("maxConnections must be 1 to " + MAX_CONNECTIONS + ": " + maxConnections);
        }
        if (bind.isUnresolved() || !bind.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the HTTP listener must bind a loopback address, not " + bind);
        }
        // A channel's socket, not a plain ServerSocket: its connections read as much as the caller asks for in one
        // system call, where a plain socket splits every read into 128 KiB pieces (uploads read 1 MiB at a time).
        ServerSocket listener = ServerSocketChannel.open().socket();
        try {
            listener.bind(bind, BACKLOG);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        return new HttpListener(listener, endpoints, Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(peers, "peers"), maxConnections);
    }

    /** The bound address, with the actual port. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** Connections past their handshake and not yet closed; IM/User is not idle while this is above zero. */
    public int openSockets() {
        return open.upgradedCount();
    }

    /**
     * Stops accepting, sends 1001 to every open connection where that does not block, closes every socket and
     * waits briefly for the sessions to end; sessions still running then are interrupted. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        SocketInput.closeQuietly(listener);
        open.closeAll();
        connections.shutdown();
        try {
            acceptor.join(SHUTDOWN_WAIT);
            if (!connections.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning("connections still being served after shutdown; interrupting them");
                connections.shutdownNow();
            }
        } catch (InterruptedException e) {
            connections.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                serve(listener.accept());
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    LOG.log(Level.WARNING, "accepting a connection failed", e);
                    pause();
                }
            }
        }
    }

    private void serve(Socket socket) {
        if (!peers.admits(socket) || !open.admit(socket, maxConnections)) {
            SocketInput.closeQuietly(socket);
            return;
        }
        try {
            connections.execute(new ConnectionTask(socket, endpoints, json, settings, open));
        } catch (RejectedExecutionException e) {
            open.release(socket);
            SocketInput.closeQuietly(socket);
        }
    }

    /** After a failed accept (e.g. out of file descriptors), so the loop does not spin. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What the listener serves, by exact percent-decoded path (e.g. {@code /upload}): WebSocket upgrades, and plain
     * requests without a body ({@link PlainEndpoint}). One path may have both; an upgrade request goes to the first.
     * Every other request goes to the call handler mounted at the longest prefix of its path ({@code calls}, as the
     * JDK's server mounts contexts), if any, as an {@link com.sun.net.httpserver.HttpExchange}.
     */
    public record Endpoints(Map<String, SocketEndpoint> upgrades, Map<String, PlainEndpoint> plain,
            Map<String, HttpHandler> calls) {
        public Endpoints {
            upgrades = Map.copyOf(upgrades);
            plain = Map.copyOf(plain);
            calls = Map.copyOf(calls);
            for (String path : upgrades.keySet()) {
                requireAbsolute(path);
            }
            for (String path : plain.keySet()) {
                requireAbsolute(path);
            }
            for (String path : calls.keySet()) {
                requireAbsolute(path);
            }
        }

        /** Upgrades and plain endpoints, no HTTP calls. */
        public Endpoints(Map<String, SocketEndpoint> upgrades, Map<String, PlainEndpoint> plain) {
            this(upgrades, plain, Map.of());
        }

        private static void requireAbsolute(String path) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("an endpoint path must start with /: " + path);
            }
        }
    }

    /**
     * The server's limits, validated on construction.
     *
     * @param handshakeTimeout how long a client has to send its whole request head
     * @param maxHeadBytes the largest request head, line ends included (1 KiB to 1 MiB); larger gets 431
     * @param maxTextMessageBytes the largest text message in UTF-8 bytes, all fragments together; larger closes
     *     with 1009. Text messages are held in memory whole, so this bounds memory per connection.
     * @param maxBinaryMessageBytes the largest binary message, all fragments together; larger closes with 1009.
     *     Binary messages are streamed, so this bounds only what one message may carry.
     * @param idleTimeout how long a read waits for the next frame before the connection is closed with 1001
     * @param onActivity runs on the reading thread for every data frame received (IM/User's idle clock); must
     *     be quick and must not throw
     * @param pingInterval how long a WebSocket may send nothing before the server sends a ping, so that the
     *     gateway's tunnel and a site's proxies keep a quiet but live connection; the peer's pongs do not count
     *     against {@code idleTimeout} ({@link Heartbeat})
     * @param writeTimeout how long a frame's write may move no byte (the peer stopped reading) before the
     *     connection is closed and the blocked send fails
     */
    public record Settings(Duration handshakeTimeout, int maxHeadBytes, int maxTextMessageBytes,
            long maxBinaryMessageBytes, Duration idleTimeout, Runnable onActivity, Duration pingInterval,
            Duration writeTimeout) {
        /** WEBSOCKET_V2 uploads send chunks of up to 16 MiB of file data after a 5-byte header. */
        public static final long UPLOAD_CHUNK_MESSAGE_BYTES = 16L * 1024 * 1024 + 5;
        /** Below the 60 s after which common proxies (nginx's proxy_read_timeout) drop a silent connection. */
        static final Duration PING_INTERVAL = Duration.ofSeconds(30);
        /** A peer reading less than 64 KiB a minute is taken for one that stopped reading. */
        static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);

        public Settings {
            requireMillis(handshakeTimeout, "handshakeTimeout");
            requireMillis(idleTimeout, "idleTimeout");
            if (maxHeadBytes < 1024 || maxHeadBytes > 1 << 20) {
                throw new IllegalArgumentException("maxHeadBytes must be 1 KiB to 1 MiB: " + maxHeadBytes);
            }
            if (maxTextMessageBytes < 1 || maxBinaryMessageBytes < 1) {
                throw new IllegalArgumentException("message limits must be positive");
            }
            Objects.requireNonNull(onActivity, "onActivity");
            requireMillis(pingInterval, "pingInterval");
            requireMillis(writeTimeout, "writeTimeout");
        }

        /** Settings with the default ping interval (30 s) and write timeout (60 s). */
        public Settings(Duration handshakeTimeout, int maxHeadBytes, int maxTextMessageBytes,
                long maxBinaryMessageBytes, Duration idleTimeout, Runnable onActivity) {
            this(handshakeTimeout, maxHeadBytes, maxTextMessageBytes, maxBinaryMessageBytes, idleTimeout, onActivity,
                    PING_INTERVAL, WRITE_TIMEOUT);
        }

        /**
         * Handshake within 10 s, 64 KiB heads (as the gateway allows), 1 MiB text messages, binary messages of one
         * upload chunk, 5 minutes idle (as the gateway's tunnels), no activity callback, a ping after 30 s without a
         * frame sent, 60 s for a write to move.
         */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(10), 64 * 1024, 1024 * 1024, UPLOAD_CHUNK_MESSAGE_BYTES,
                    Duration.ofMinutes(5), () -> { }, PING_INTERVAL, WRITE_TIMEOUT);
        }

        public Settings withOnActivity(Runnable onActivity) {
            return new Settings(handshakeTimeout, maxHeadBytes, maxTextMessageBytes, maxBinaryMessageBytes,
                    idleTimeout, onActivity, pingInterval, writeTimeout);
        }

        /** These settings with another ping interval and write timeout. */
        public Settings withHeartbeat(Duration pingInterval, Duration writeTimeout) {
            return new Settings(handshakeTimeout, maxHeadBytes, maxTextMessageBytes, maxBinaryMessageBytes,
                    idleTimeout, onActivity, pingInterval, writeTimeout);
        }

        private static void requireMillis(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.toMillis() < 1 || duration.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + " must be 1 ms to 24 days: " + duration);
            }
        }
    }
}
