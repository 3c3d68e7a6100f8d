package dk.sdu.im.gateway;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Splices a client and a backend after {@code 101 Switching Protocols}: two virtual threads copy bytes
 * both ways, unchanged, flushing as soon as the sender pauses. When either side closes or fails, both
 * sockets are closed. The tunnel holds its two sockets and nothing else, so route changes cannot touch
 * it. It also closes after {@code idle} with no byte in either direction (the backends' WebSocket
 * endpoints send pings, so a live socket is never idle that long).
 */
record Tunnel(Endpoint client, Endpoint backend, Duration idle) {
    /** Runs until the tunnel ends; the backend-to-client direction runs on a thread from {@code threads}. */
    void run(ExecutorService threads) throws IOException {
        AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        Future<?> downstream = threads.submit(() -> pump(backend, client, lastActivity));
        pump(client, backend, lastActivity);
        try {
            downstream.get();
        } catch (ExecutionException e) {
            // pump handles its own failures; nothing to add.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while closing a tunnel");
        }
    }

    private void pump(Endpoint from, Endpoint to, AtomicLong lastActivity) {
        byte[] buffer = new byte[BodyCopy.BUFFER_BYTES];
        try {
            for (int read = next(from, buffer, lastActivity); read >= 0; read = next(from, buffer, lastActivity)) {
                lastActivity.set(System.nanoTime());
                to.out().write(buffer, 0, read);
                if (from.in().available() == 0) {
                    to.out().flush();
                }
                if (read == buffer.length) {
                    buffer = BodyCopy.grown(buffer, Long.MAX_VALUE);
                }
            }
        } catch (IOException e) {
            // One side closed or failed: the tunnel ends.
        } finally {
            from.close();
            to.close();
        }
    }

    /** The next read, waiting through read timeouts while the other direction is active; -1 at the end. */
    private int next(Endpoint from, byte[] buffer, AtomicLong lastActivity) throws IOException {
        while (true) {
            try {
                return from.in().read(buffer);
            } catch (SocketTimeoutException e) {
                if (System.nanoTime() - lastActivity.get() >= idle.toNanos()) {
                    return -1;
                }
            }
        }
    }
}
