package dk.sdu.im.ipc;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
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
    private static final int BACKLOG = 64;
    private static final long CLOSE_WAIT_SECONDS = 2;

    private final Path path;
    private final AFUNIXServerSocket listener;
    private final IpcServer.Settings settings;
    private final Semaphore slots;
    private final Set<ServerConnection> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ipc-watchdog").daemon().factory());
    private final AtomicBoolean closed = new AtomicBoolean();
    private Thread acceptor;

    private UnixIpcServer(Path path, AFUNIXServerSocket listener, IpcServer.Settings settings) {
        this.path = path;
        this.listener = listener;
        this.settings = settings;
        this.slots = new Semaphore(settings.maxConnections());
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

    private void admit(AFUNIXSocket socket) {
        if (!slots.tryAcquire()) {
            LOG.warning(() -> "IPC: " + settings.maxConnections() + " connections are open; closing a new one");
            closeQuietly(socket);
            return;
        }
        ServerConnection connection = new ServerConnection(socket, settings, watchdog, this::ended);
        open.add(connection);
        if (closed.get()) {
            connection.close();
        }
        Thread.ofPlatform().name("ipc-connection").daemon().start(connection);
    }

    private void ended(ServerConnection connection) {
        open.remove(connection);
        slots.release();
    }

    private void awaitConnectionsEnded() {
        try {
            if (Thread.currentThread() != acceptor) {
                acceptor.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
            }
            if (!slots.tryAcquire(settings.maxConnections(), CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
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
