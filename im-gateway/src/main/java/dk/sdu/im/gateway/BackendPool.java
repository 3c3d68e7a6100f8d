package dk.sdu.im.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Idle keep-alive connections to backends, so a warm request does not pay for a TCP connect and the backend's
 * accept. A connection is only ever reused for the destination and port it was opened for: a user's instance
 * never receives another user's request through a pooled connection, and a route that moves to a new port
 * ({@link #forget}) leaves its old connections behind.
 *
 * <p>A connection comes back only after a complete exchange whose framing both sides agree on (see
 * {@link Exchange}). It is given out again only while younger than {@code maxIdle}, well below the backends'
 * own idle timeout (the JDK server's 30 s), and only if the kernel shows it still open with nothing unread: a
 * backend that exited or sent stray bytes since is closed here, not handed a request.
 */
final class BackendPool implements AutoCloseable {
    /** Idle connections kept per destination and port; more are closed on return. */
    static final int MAX_IDLE_PER_KEY = 8;

    private final Map<Key, Deque<Idle>> idle = new ConcurrentHashMap<>();
    private final long maxIdleNanos;
    private volatile boolean closed;

    BackendPool(Duration maxIdle) {
        this.maxIdleNanos = maxIdle.toNanos();
    }

    /** What a pooled connection may be reused for. */
    record Key(Destination destination, InetSocketAddress address) {
    }

    private record Idle(Endpoint endpoint, long since) {
    }

    /** An open idle connection for {@code key}, if one is pooled; stale ones met on the way are closed. */
    Optional<Endpoint> take(Key key) {
        Deque<Idle> connections = idle.get(key);
        if (connections == null) {
            return Optional.empty();
        }
        while (true) {
            Idle candidate;
            synchronized (connections) {
                candidate = connections.pollFirst();
            }
            if (candidate == null) {
                return Optional.empty();
            }
            if (System.nanoTime() - candidate.since < maxIdleNanos && stillOpen(candidate.endpoint)) {
                return Optional.of(candidate.endpoint);
            }
            candidate.endpoint.close();
        }
    }

    /** Keeps a connection whose exchange completed cleanly; closes it when the pool is full or closed. */
    void give(Key key, Endpoint endpoint) {
        Deque<Idle> connections = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
        boolean kept;
        synchronized (connections) {
            kept = !closed && connections.size() < MAX_IDLE_PER_KEY;
            if (kept) {
                connections.addFirst(new Idle(endpoint, System.nanoTime()));
            }
        }
        if (!kept) {
            endpoint.close();
        } else if (closed || idle.get(key) != connections) {
            // A concurrent forget or close dropped this deque just before the connection joined it.
            closeAll(connections);
        }
    }

    /** Closes the pooled connections of one destination (its route went down or moved). */
    void forget(Destination destination) {
        idle.keySet().removeIf(key -> {
            if (!key.destination().equals(destination)) {
                return false;
            }
            closeAll(idle.get(key));
            return true;
        });
    }

    @Override
    public void close() {
        closed = true;
        idle.values().forEach(BackendPool::closeAll);
        idle.clear();
    }

    private static void closeAll(Deque<Idle> connections) {
        if (connections == null) {
            return;
        }
        synchronized (connections) {
            connections.forEach(c -> c.endpoint.close());
            connections.clear();
        }
    }

    /**
     * True if the peer has neither closed nor sent anything since the last response: one non-blocking read
     * returns 0. EOF means the backend closed it; data means it sent bytes no request asked for.
     */
    static boolean stillOpen(Endpoint endpoint) {
        if (endpoint.in().buffered() > 0) {
            return false;
        }
        SocketChannel channel = endpoint.channel();
        try {
            synchronized (channel.blockingLock()) {
                channel.configureBlocking(false);
                try {
                    return channel.read(ByteBuffer.allocate(1)) == 0;
                } finally {
                    channel.configureBlocking(true);
                }
            }
        } catch (IOException e) {
            return false;
        }
    }
}
