package dk.sdu.im.gateway;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Streams a request body from the client to the backend on its own virtual thread, while the
 * connection's thread reads the response. Full duplex matters: a backend may answer before reading the
 * body (an early 401 or 413), and a client that sent {@code Expect: 100-continue} sends the body only
 * after the backend's 100 has been relayed.
 *
 * <p>{@link #consumed()} becomes true once the client's last body byte has been read, i.e. when the
 * client connection is positioned at its next request; only then may it be kept alive. If the client
 * side fails (it disconnects, times out, or sends malformed chunked framing) the exchange is aborted:
 * both sockets are closed. If the backend stops reading, copying stops and its response decides.
 */
final class RequestBody {
    private final AtomicBoolean consumed = new AtomicBoolean();
    private final AtomicBoolean aborted = new AtomicBoolean();
    private final AtomicBoolean delivered = new AtomicBoolean();
    private final Future<?> copier;

    private RequestBody(Framing framing, Endpoint client, Endpoint backend, int maxLineBytes, ExecutorService threads) {
        if (framing instanceof Framing.None) {
            consumed.set(true);
            delivered.set(true);
            this.copier = null;
        } else {
            this.copier = threads.submit(() -> copy(framing, client, backend, maxLineBytes));
        }
    }

    static RequestBody start(Framing framing, Endpoint client, Endpoint backend, int maxLineBytes,
            ExecutorService threads) {
        return new RequestBody(framing, client, backend, maxLineBytes, threads);
    }

    boolean consumed() {
        return consumed.get();
    }

    boolean aborted() {
        return aborted.get();
    }

    /**
     * True once the whole body has been read from the client and written to the backend, and the copier has
     * ended: the backend connection is then positioned after this request and may carry another one.
     */
    boolean delivered() {
        return delivered.get() && (copier == null || copier.isDone());
    }

    /**
     * {@link #delivered()}, waiting for the copier if all that can be left of its work is the last write to the
     * backend (the client's whole body has been read). Called once the backend's response has been read in full:
     * a backend that answers after reading the body has then read that write already, so the copier is only
     * returning, and whether the connection may be pooled does not depend on which thread the scheduler runs
     * first. A backend that leaves the write unread for {@code bound} is not at a message boundary.
     */
    boolean deliveredWithin(Duration bound) {
        if (copier == null || !consumed.get()) {
            return delivered();
        }
        try {
            copier.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Not delivered: the copier failed, or the backend is not reading.
        }
        return delivered();
    }

    /** Waits for the copier to end; the caller first closes whatever socket it may be blocked on. */
    void await() throws IOException {
        if (copier == null) {
            return;
        }
        try {
            copier.get();
        } catch (ExecutionException e) {
            aborted.set(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a request body was being copied");
        }
    }

    private void copy(Framing framing, Endpoint client, Endpoint backend, int maxLineBytes) {
        try {
            new BodyCopy(client.in(), SinkFailed.marking(backend.out()), maxLineBytes)
                    .copy(framing, () -> consumed.set(true));
            delivered.set(true);
        } catch (SinkFailed e) {
            // The backend stopped reading; its response (or its absence) tells the client.
        } catch (IOException e) {
            aborted.set(true);
            client.close();
            backend.close();
        }
    }
}
