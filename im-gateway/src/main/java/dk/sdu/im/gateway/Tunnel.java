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
 * both ways, unchanged, each write as soon as its read returns ({@link ChannelCopy}, inside the kernel where
 * {@code splice} allows). When either side closes or
 * fails, both sockets are closed. The tunnel holds its two sockets and nothing else, so route changes cannot touch
 * it. It also closes after {@code idle} with no byte in either direction (the backends' WebSocket endpoints send
 * pings, so a live socket is never idle that long).
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
        try (ChannelCopy copy = new ChannelCopy(from, to, watch, splice)) {
            copy.untilEnd();
        } catch (IOException e) {
            // One side closed or failed: the tunnel ends.
        } finally {
            close();
        }
    }

    /** Ends both directions; the other one may be waiting in a kernel copy, which the shutdown wakes. */
    private void close() {
        client.shutdownAndClose();
        backend.shutdownAndClose();
    }
}
