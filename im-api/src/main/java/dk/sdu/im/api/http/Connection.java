package dk.sdu.im.api.http;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * One connection after the 101: the {@link WebSocket} a session uses, and the closing handshake (RFC 6455 7).
 *
 * <p>Ending: whoever ends the conversation first (the peer's close, a violation, a local close, the idle
 * timeout, the server's shutdown) records how it ended; the socket is always closed by this side once
 * the close frames are exchanged or a short wait has passed. The input is guarded by one lock, so a close that
 * drains the input cannot race the session's reads.
 */
final class Connection implements WebSocket, MessageReader.ControlReplies {
    /**
     * How long a closing side waits: for the peer's close frame, for the peer to hang up after a refusal, or for a
     * blocked send to let the close frame through.
     */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(Connection.class.getName());

    private final Socket socket;
    private final SocketInput input;
    private final FrameOutput output;
    private final MessageReader reader;
    private final ReentrantLock readLock = new ReentrantLock();
    private final CountDownLatch peerClosed = new CountDownLatch(1);
    private final AtomicReference<Incoming.Closed> ended = new AtomicReference<>();
    private final AtomicBoolean socketClosed = new AtomicBoolean();
    private volatile boolean failed;
    private volatile Duration idleTimeout;
    /** When the peer last sent something other than a pong: a frame header or payload bytes. */
    private volatile long lastActivityNanos = System.nanoTime();
    /** Whether the running input deadline is the one a pong set; guarded by the read lock. */
    private boolean pongDeadline;

    Connection(Socket socket, SocketInput input, FrameOutput output, HttpListener.Settings settings) {
        this.socket = socket;
        this.input = input;
        this.output = output;
        this.reader = new MessageReader(new FrameInput(input.stream()), settings, this, this::readPayload);
        this.idleTimeout = settings.idleTimeout();
    }

    @Override
    public Incoming read() throws IOException {
        readLock.lock();
        try {
            if (socketClosed.get() && ended.get() != null) {
                return ended.get();
            }
            Incoming next = reader.next();
            lastActivityNanos = System.nanoTime();
            return next;
        } catch (ProtocolViolation violation) {
            return violated(violation);
        } catch (IOException e) {
            if (ended.get() != null) {
                return ended.get();
            }
            throw inputFailed(e);
        } finally {
            readLock.unlock();
        }
    }

    private int readPayload(BinaryPayload stream, byte[] bytes, int offset, int length) throws IOException {
        readLock.lock();
        try {
            int read = reader.readBinary(stream, bytes, offset, length);
            lastActivityNanos = System.nanoTime();
            return read;
        } catch (ProtocolViolation violation) {
            violated(violation);
            throw violation;
        } catch (IOException e) {
            throw ended.get() != null ? e : inputFailed(e);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public void sendText(String text) throws IOException {
        send(Opcode.TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void sendBinary(ByteBuffer data) throws IOException {
        send(Opcode.BINARY, data);
    }

    private void send(Opcode opcode, ByteBuffer payload) throws IOException {
        try {
            output.send(opcode, payload);
        } catch (IOException e) {
            failed |= !output.closeSent();
            throw e;
        }
    }

    @Override
    public void close(int code, String reason) {
        if (!CloseCodes.mayBeSent(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent");
        }
        Incoming.Closed close = new Incoming.Closed(code, Objects.requireNonNull(reason, "reason"));
        if (!sendClose(close)) {
            return;
        }
        awaitPeerClose();
        closeSocket();
    }

    @Override
    public void setIdleTimeout(Duration timeout) {
        if (timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the idle timeout must be 1 ms to 24 days: " + timeout);
        }
        idleTimeout = timeout;
        try {
            input.idle(timeout);
        } catch (SocketException e) {
            // Closed already: there is nothing left to time out.
        } catch (IOException e) {
            throw new IllegalStateException("could not set the socket's read timeout", e);
        }
    }

    @Override
    public void ping(byte[] payload) throws IOException {
        if (!output.closeSent()) {
            send(Opcode.PONG, ByteBuffer.wrap(payload));
        }
    }

    /**
     * Keeps the idle clock running across a pong: the wait for the next frame ends when the idle timeout has passed
     * since the peer's last activity, as if the pong had not come. Otherwise a peer that only answers the
     * {@link Heartbeat}'s pings would never be idle. A deadline already running (the closing handshake's) stays.
     */
    @Override
    public void pong() {
        if (pongDeadline || input.hasDeadline()) {
            return;
        }
        input.deadline(idleTimeout.minusNanos(System.nanoTime() - lastActivityNanos));
        pongDeadline = true;
    }

    @Override
    public void frameArrived() {
        lastActivityNanos = System.nanoTime();
        if (pongDeadline) {
            pongDeadline = false;
            input.noDeadline();
        }
    }

    @Override
    public void closeReceived(Incoming.Closed close) {
        sendClose(close, CloseFrames.echo(close));
        peerClosed.countDown();
        closeSocket();
    }

    /** Ends the connection at once for the server's shutdown: a close frame if it can be sent without waiting. */
    void abort(Incoming.Closed close) {
        try {
            output.sendClose(CloseFrames.payload(close.code(), close.reason()), Duration.ofMillis(50));
        } catch (IOException e) {
            // Busy or broken: closing the socket is what matters.
        }
        ended.compareAndSet(null, close);
        closeSocket();
    }

    /** Whether the conversation is over or the connection failed: a session's exception is then no surprise. */
    boolean hasEnded() {
        return failed || ended.get() != null;
    }

    private Incoming.Closed violated(ProtocolViolation violation) {
        LOG.fine(() -> "closing a WebSocket with " + violation.code() + ": the peer sent " + violation.getMessage());
        Incoming.Closed close = new Incoming.Closed(violation.code(), violation.getMessage());
        sendClose(close);
        if (socketClosed.compareAndSet(false, true)) {
            input.drainAndClose(CLOSE_WAIT);
        }
        return ended.get();
    }

    private IOException inputFailed(IOException e) {
        failed = true;
        if (e instanceof SocketTimeoutException) {
            LOG.fine("closing an idle WebSocket");
            sendClose(new Incoming.Closed(CloseCodes.GOING_AWAY, "idle timeout"));
        } else {
            LOG.fine(() -> "a WebSocket connection failed: " + e);
        }
        closeSocket();
        return e;
    }

    private boolean sendClose(Incoming.Closed close) {
        return sendClose(close, CloseFrames.payload(close.code(), close.reason()));
    }

    /**
     * Sends the close frame unless one was sent, and records the ending; false if a close was sent before. True
     * also when it could not be sent (a failed or blocked connection), so that the caller closes the socket.
     */
    private boolean sendClose(Incoming.Closed close, ByteBuffer payload) {
        boolean sent;
        try {
            sent = output.sendClose(payload, CLOSE_WAIT);
        } catch (IOException e) {
            failed = true;
            sent = true;
        }
        ended.compareAndSet(null, close);
        return sent;
    }

    /** Reads (and drops) what the peer still sends until its close frame arrives, for at most {@link #CLOSE_WAIT}. */
    private void awaitPeerClose() {
        if (!readLock.tryLock()) {
            awaitLatch();
            return;
        }
        try {
            input.deadline(CLOSE_WAIT);
            while (!socketClosed.get() && !(reader.next() instanceof Incoming.Closed)) {
                // Data after our close frame is dropped.
            }
        } catch (IOException e) {
            // No close frame in time, a broken connection or a violation: the socket is closed either way.
        } finally {
            readLock.unlock();
        }
    }

    /** Another thread is reading; it answers the peer's close frame when it arrives. */
    private void awaitLatch() {
        try {
            peerClosed.await(CLOSE_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeSocket() {
        if (socketClosed.compareAndSet(false, true)) {
            SocketInput.closeQuietly(socket);
        }
    }
}
