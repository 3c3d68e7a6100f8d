package dk.sdu.im.ipc;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The {@link IpcServer} over a junixsocket server socket (junixsocket because it reports the peer's pid,
 * which the JDK's SO_PEERCRED does not). One thread accepts; each admitted connection gets its own thread
 * ({@link ServerConnection}); a shared watchdog thread closes connections whose handshake takes too long.
 *
 * <p>Why platform threads, not virtual ones: junixsocket 2.11.1 parks a virtual thread that waits on a socket
 * through its "naive" poller, a pool with one thread per core that each block in {@code poll()} for up to a
 * second. With as many idle connections as cores, every other connection stalls (measured: on 2 cores the
 * third connection's Hello went unanswered for 5 s). Blocking reads on platform threads do not go through
 * that poller. The threads are bounded by {@link IpcServer.Settings#maxConnections} and are daemons, so a
 * forgotten server does not keep the JVM alive.
 */
final class UnixIpcServer implements IpcServer {
    private static final Logger LOG = Logger.getLogger(UnixIpcServer.class.getName());
    /** Room in the kernel's accept queue for a burst (a flood fills it; instances that find it full try again). */
    private static final int BACKLOG = 1024;
    private static final long CLOSE_WAIT_SECONDS = 2;
    /** A flood of one kind of event is logged once per this long, with a count. */
    private static final java.time.Duration LOG_WINDOW = java.time.Duration.ofSeconds(10);

    private final Path path;
    private final AFUNIXServerSocket listener;
    private final IpcServer.Settings settings;
    private final ConnectionBudget budget;
    private final Set<ServerConnection> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ipc-watchdog").daemon().factory());
    private final LogThrottle throttled = new LogThrottle(LOG, LOG_WINDOW, watchdog);
    private final AtomicBoolean closed = new AtomicBoolean();
    private Thread acceptor;

    private UnixIpcServer(Path path, AFUNIXServerSocket listener, IpcServer.Settings settings) {
        this.path = path;
        this.listener = listener;
        this.settings = settings;
        this.budget = new ConnectionBudget(settings.maxConnections(), settings.reservedConnections(),
                settings.connectionsPerUid());
    }

    static UnixIpcServer start(Path requested, IpcServer.Settings settings) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Path path = SocketFile.prepare(requested);
        AFUNIXServerSocket listener = AFUNIXServerSocket.newInstance();
        try {
            listener.setDeleteOnClose(true);
            listener.bind(AFUNIXSocketAddress.of(path), BACKLOG);
            SocketFile.openToAllUsers(path);
        } catch (IOException | RuntimeException e) {
            closeQuietly(listener);
            throw e;
        }
        UnixIpcServer server = new UnixIpcServer(path, listener, settings);
        server.acceptor = Thread.ofPlatform().name("ipc-accept").daemon().start(server::acceptLoop);
        LOG.info(() -> "IPC server listening on " + path);
        return server;
    }

    @Override
    public Path socketPath() {
        return path;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(listener);
        open.forEach(ServerConnection::close);
        watchdog.shutdownNow();
        awaitConnectionsEnded();
        LOG.info(() -> "IPC server on " + path + " stopped");
    }

    private void acceptLoop() {
        while (!closed.get()) {
            AFUNIXSocket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed.get()) {
                    LOG.log(Level.WARNING, "IPC accept on " + path + " failed", e);
                    pauseAfterAcceptFailure();
                }
                continue;
            }
            admit(socket);
        }
    }

    /**
     * Reads the peer's credentials, classifies it and takes a slot of the {@link ConnectionBudget}, all before a
     * thread is spent on it: a peer the kernel cannot name, or one over its share, is closed at once.
     */
    private void admit(AFUNIXSocket socket) {
        Peer peer;
        try {
            peer = PeerCredentials.of(socket);
        } catch (IOException | ProtocolViolation e) {
            throttled.log(Level.WARNING, "no credentials", () -> "IPC: closing a connection: " + e.getMessage());
            closeQuietly(socket);
            return;
        }
        PeerKind kind = classify(peer);
        if (kind == null) {
            closeQuietly(socket);
            return;
        }
        ConnectionBudget.Admission admission = budget.admit(kind, peer.uid());
        if (admission.slot().isEmpty()) {
            ConnectionBudget.Refusal why = admission.refusal().orElseThrow();
            if (throttled.log(Level.WARNING, refusalKind(why), () -> "IPC: closing a new connection from " + peer + ": "
                    + describe(why))) {
                IpcAudit.peerRefused(peer, kind, describe(why));
            }
            closeQuietly(socket);
            return;
        }
        ConnectionBudget.Slot slot = admission.slot().get();
        ServerConnection connection = new ServerConnection(socket, peer, kind, settings, watchdog, throttled,
                ended -> ended(ended, slot));
        open.add(connection);
        if (closed.get()) {
            connection.close();
        }
        Thread.ofPlatform().name("ipc-connection").daemon().start(connection);
    }

    /** The classifier's verdict; null (logged) if it broke its contract, which must not end the accept loop. */
    private PeerKind classify(Peer peer) {
        try {
            PeerKind kind = settings.classifier().classify(peer);
            if (kind == null) {
                LOG.severe(() -> "IPC: the peer classifier returned null for " + peer + "; closing the connection");
            }
            return kind;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "IPC: the peer classifier failed for " + peer + "; closing the connection", e);
            return null;
        }
    }

    private static String refusalKind(ConnectionBudget.Refusal why) {
        return switch (why) {
            case ConnectionBudget.Refusal.Full _ -> "full";
            case ConnectionBudget.Refusal.LocalUsersFull _ -> "local users full";
            case ConnectionBudget.Refusal.UidFull uid -> "uid " + uid.uid() + " full";
        };
    }

    private static String describe(ConnectionBudget.Refusal why) {
        return switch (why) {
            case ConnectionBudget.Refusal.Full full -> full.total() + " connections are open";
            case ConnectionBudget.Refusal.LocalUsersFull shared -> shared.shared()
                    + " connections of local users (neither instances nor administrators) are open";
            case ConnectionBudget.Refusal.UidFull uid -> "uid " + uid.uid() + " already holds " + uid.perUid()
                    + " connections";
        };
    }

    private void ended(ServerConnection connection, ConnectionBudget.Slot slot) {
        open.remove(connection);
        budget.release(slot);
    }

    private void awaitConnectionsEnded() {
        try {
            if (Thread.currentThread() != acceptor) {
                acceptor.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
            while (budget.open() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            if (budget.open() > 0) {
                LOG.warning(() -> "IPC: " + open.size() + " connections did not end within "
                        + CLOSE_WAIT_SECONDS + " s of closing the server");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pauseAfterAcceptFailure() {
        try {
            Thread.sleep(100); // e.g. out of file descriptors: do not spin
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing " + closeable, e);
        }
    }
}
