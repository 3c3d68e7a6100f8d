package dk.sdu.im.gateway;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams a request body from the client to the backend on its own virtual thread, while the
 * connection's thread reads the response. Full duplex matters: a backend may answer before reading the
 * body (an early 401 or 413), and a client that sent {@code Expect: 100-continue} sends the body only
 * after the backend's 100 has been relayed.
 *
 * <p>{@link #consumed()} becomes true once the client's last body byte has been read, i.e. when the
 * client connection is positioned at its next request; only then may it be kept alive. If the backend stops
 * reading, copying stops and its response decides.
 *
 * <p>If the client side fails (malformed chunked framing, or the client ends its stream, resets or times out
 * mid-body) the copy stops at once, and the backend's input ends short of the body's end: a backend never sees a
 * partial body framed as a complete one, because a chunked body's last chunk is written only after it was
 * validated, and such a connection is never pooled. Who tells the client is decided once ({@link State}): if the
 * exchange has not yet begun relaying the backend's final response, the backend connection is closed (which also
 * wakes the exchange, waiting for that response) and the exchange answers 400 for malformed framing, or nothing
 * for a client that broke off; otherwise the backend's output is only half-closed, so the response it has begun
 * is relayed whole.
 *
 * <p>A fixed-length body that reading the head already buffered whole (a UCloud call's JSON, as a rule) needs no copier:
 * {@link #takeBuffered} takes it, the exchange sends it with the head in one write, and {@link #complete()} stands for
 * it. That saves a thread's start and hand-off on every such request.
 */
final class RequestBody {
    private static final System.Logger LOG = System.getLogger(RequestBody.class.getName());

    /** Who answers the client; leaves {@link #OPEN} once, to whichever comes first. */
    enum State {
        /** The body has not failed, and no final response has been relayed yet. */
        OPEN,
        /** The exchange relays the backend's final response; a later body failure only ends the backend's input. */
        RELAYING,
        /** The client's chunked framing was malformed first: the exchange answers 400. */
        MALFORMED,
        /** The client broke off its body first (end of stream, reset, timeout): there is no one to answer. */
        BROKEN
    }

    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
    private final AtomicBoolean consumed = new AtomicBoolean();
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

    /**
     * The whole body of a fixed-length request if the client's buffer holds it already (nothing is read from the
     * socket, so this never blocks); empty otherwise, and nothing is taken.
     */
    static Optional<byte[]> takeBuffered(Framing framing, EndpointInput in) throws IOException {
        if (framing instanceof Framing.Fixed(long length) && length <= in.buffered()) {
            return Optional.of(in.readNBytes(Math.toIntExact(length)));
        }
        return Optional.empty();
    }

    /** A body that has been read from the client and sent to the backend whole, or a request without one. */
    static RequestBody complete() {
        return new RequestBody(Framing.NONE, null, null, 0, null);
    }

    static RequestBody start(Framing framing, Endpoint client, Endpoint backend, int maxLineBytes,
            ExecutorService threads) {
        return new RequestBody(framing, client, backend, maxLineBytes, threads);
    }

    boolean consumed() {
        return consumed.get();
    }

    State state() {
        return state.get();
    }

    /**
     * Claims the client for the backend's final response; called before its head is relayed. False if the body
     * failed first: the exchange then answers by {@link #state()} instead.
     */
    boolean startRelaying() {
        return state.compareAndSet(State.OPEN, State.RELAYING) || state.get() == State.RELAYING;
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
            // A bug in the copier; the exchange closes both sockets when it ends.
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
        } catch (BadHead e) {
            LOG.log(System.Logger.Level.DEBUG, "refused a malformed request body: {0}", e.getMessage());
            fail(State.MALFORMED, backend);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "a request body ended early on the client side: {0}", e.toString());
            fail(State.BROKEN, backend);
        }
    }

    /** Ends the backend's input short of the body's end; closes the connection unless its response is being relayed. */
    private void fail(State failure, Endpoint backend) {
        if (state.compareAndSet(State.OPEN, failure)) {
            backend.close();
        } else {
            backend.shutdownOutput();
        }
    }
}
