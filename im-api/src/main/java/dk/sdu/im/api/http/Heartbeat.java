package dk.sdu.im.api.http;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The keep-alive and the write timeout of one WebSocket connection, on a virtual thread of its own from the 101 to
 * the connection's end. When no frame went out for the ping interval it sends a ping (on another short-lived virtual
 * thread, since that send too blocks while the peer does not read), so that the gateway's tunnel and a site's
 * proxies see a quiet but live connection as live; the peer's pongs are not activity ({@link Connection#pong}), so a
 * session's idle timeout still ends a peer that only answers pings. When a frame's write has moved no byte for the
 * write timeout (the peer stopped reading), it closes the connection: the blocked send fails, and a peer that does
 * not read cannot hold a session, its thread and the file it streams forever. Both are found within half again
 * their time.
 */
final class Heartbeat implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());
    private static final Incoming.Closed STALLED = new Incoming.Closed(CloseCodes.GOING_AWAY, "write timeout");
    private static final Incoming.Closed PING_FAILED = new Incoming.Closed(CloseCodes.GOING_AWAY, "connection failed");

    private final Connection connection;
    private final FrameOutput output;
    private final Duration pingInterval;
    private final Duration writeTimeout;
    private final AtomicBoolean pinging = new AtomicBoolean();
    private final Thread thread;

    private Heartbeat(Connection connection, FrameOutput output, HttpListener.Settings settings) {
        this.connection = connection;
        this.output = output;
        this.pingInterval = settings.pingInterval();
        this.writeTimeout = settings.writeTimeout();
        this.thread = Thread.ofVirtual().name("websocket-heartbeat").start(this::run);
    }

    static Heartbeat start(Connection connection, FrameOutput output, HttpListener.Settings settings) {
        return new Heartbeat(connection, output, settings);
    }

    private void run() {
        Duration tick = max(Duration.ofMillis(1), min(pingInterval, writeTimeout).dividedBy(2));
        try {
            while (!connection.hasEnded()) {
                Thread.sleep(tick);
                if (output.stalledFor(writeTimeout)) {
                    LOG.fine(() -> "closing a WebSocket whose peer read nothing for " + writeTimeout);
                    connection.abort(STALLED);
                    return;
                }
                if (output.quietFor(pingInterval) && pinging.compareAndSet(false, true)) {
                    Thread.ofVirtual().name("websocket-ping").start(this::ping);
                }
            }
        } catch (InterruptedException e) {
            // The connection ended.
        }
    }

    private void ping() {
        try {
            output.tryPing();
        } catch (IOException e) {
            LOG.fine(() -> "a keep-alive ping failed: " + e);
            connection.abort(PING_FAILED);
        } finally {
            pinging.set(false);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
