package dk.sdu.im.gateway;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Splices a client and a backend after {@code 101 Switching Protocols}: two virtual threads copy bytes
 * both ways, unchanged, each write as soon as its read returns ({@link BulkCopy}, inside the kernel where
 * {@code splice} allows). When either side closes or
 * fails, both sockets are closed. The tunnel holds its two sockets and nothing else, so route changes cannot touch
 * it. It also closes after {@code idle} with no byte in either direction (the backends' WebSocket endpoints send
 * pings, so a live socket is never idle that long), and when a write in one direction moves no byte for
 * {@code idle} although the other direction is busy ({@link IdleWatch}): a peer that stops reading cannot pin the
 * tunnel. The tunnel stays a byte splice: it parses no frames, and frame sizes are the endpoints' to limit.
 */
record Tunnel(Endpoint client, Endpoint backend, Duration idle, Optional<KernelSplice> splice) {
    /** Runs until the tunnel ends; the backend-to-client direction runs on a thread from {@code threads}. */
    void run(ExecutorService threads) throws IOException {
        try (IdleWatch watch = IdleWatch.start(idle, this::close)) {
            Future<?> downstream = threads.submit(() -> pump(backend, client, watch));
            pump(client, backend, watch);
            try {
                downstream.get();
            } catch (ExecutionException e) {
                // pump handles its own failures; nothing to add.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while closing a tunnel");
            }
        }
    }

    private void pump(Endpoint from, Endpoint to, IdleWatch watch) {
        try (BulkCopy copy = BulkCopy.between(from, to, watch, splice)) {
            copy.untilEnd();
        } catch (IOException e) {
            // One side closed or failed: the tunnel ends.
        } finally {
            close();
        }
    }

    /** Either pump may still be blocked writing: {@link Endpoint#abort} does not wait for it. */
    private void close() {
        client.abort();
        backend.abort();
    }
}
