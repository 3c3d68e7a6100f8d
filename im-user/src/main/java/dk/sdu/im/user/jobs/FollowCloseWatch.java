package dk.sdu.im.user.jobs;

import dk.sdu.im.api.http.Incoming;
import dk.sdu.im.api.http.WebSocket;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads a follow's socket until it closes: Core closing it (its way to end a follow), the server closing it (shutdown,
 * a read timeout) or the connection failing. Anything Core sends meanwhile is ignored (contract 1.6). The follow waits
 * on this between polls, so it stops as soon as the socket does. The reading thread ends with the socket.
 */
final class FollowCloseWatch {
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread reader;

    private FollowCloseWatch(WebSocket socket) {
        this.reader = Thread.ofVirtual().name("follow-close-watch").start(() -> watch(socket));
    }

    /** Starts reading; {@code idle} bounds each wait for a frame (the session's own limit, and a little more). */
    static FollowCloseWatch start(WebSocket socket, Duration idle) {
        socket.setIdleTimeout(idle);
        return new FollowCloseWatch(socket);
    }

    boolean closed() {
        return closed.getCount() == 0;
    }

    /** Waits up to {@code wait}; whether the socket closed. An interrupt (the server stopping) counts as closed. */
    boolean await(Duration wait) {
        try {
            return closed.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Waits up to {@code wait} for the reading thread to end, once the socket is closed. */
    void join(Duration wait) throws InterruptedException {
        reader.join(wait);
    }

    private void watch(WebSocket socket) {
        try {
            while (!(socket.read() instanceof Incoming.Closed)) {
                // Only the end matters.
            }
        } catch (IOException e) {
            // A broken or timed-out connection ends the follow too.
        } finally {
            closed.countDown();
        }
    }
}
