package dk.sdu.im.api.http;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A connection's input: one 64 KiB buffer (uploads pass through it, so reads are large), an idle timeout per
 * read, and an optional deadline across reads for phases that must end in time whatever the peer does (the
 * request head, the closing handshake): a client sending one byte just before each read timeout still runs out.
 *
 * <p>Used by one reading thread at a time; {@link #idle} may be called from any thread.
 */
final class SocketInput {
    static final int BUFFER_BYTES = 64 * 1024;

    private final Socket socket;
    private final DeadlineStream raw;
    private final BufferedInputStream buffered;

    SocketInput(Socket socket) throws IOException {
        this.socket = socket;
        this.raw = new DeadlineStream(socket);
        this.buffered = new BufferedInputStream(raw, BUFFER_BYTES);
    }

    InputStream stream() {
        return buffered;
    }

    /** Every read from now on fails with {@link SocketTimeoutException} once {@code budget} has passed. */
    void deadline(Duration budget) {
        raw.deadlineNanos = System.nanoTime() + budget.toNanos();
        raw.hasDeadline = true;
    }

    /** Whether a {@link #deadline} is running. */
    boolean hasDeadline() {
        return raw.hasDeadline;
    }

    /** Ends the deadline; reads wait as long as the socket's read timeout says. */
    void noDeadline() {
        raw.hasDeadline = false;
    }

    /** Each read waits at most {@code timeout} for data, unless a deadline is running. */
    void idle(Duration timeout) throws IOException {
        socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
    }

    /**
     * Closes the connection politely after this side has said its last word (a refusal, or a close frame after a
     * violation): sends FIN, then discards what the peer still sends until it closes too or {@code wait} passes.
     * Closing with unread input would send a reset instead, and some client stacks then drop the reply they have
     * not read yet (RFC 9112 9.6, lingering close). Linux does not, so no loopback test can show this. Never throws.
     */
    void drainAndClose(Duration wait) {
        try {
            socket.shutdownOutput();
            deadline(wait);
            byte[] discarded = new byte[8192];
            while (buffered.read(discarded) >= 0) {
                // Discard: nothing the peer sends now is read.
            }
        } catch (IOException e) {
            // Timed out or reset: the socket is closed either way.
        } finally {
            closeQuietly(socket);
        }
    }

    /** Closes a socket or listener whose failure to close leaves nothing to do. */
    static void closeQuietly(Closeable socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to do with it.
        }
    }

    /** The socket's stream; before each read that may block, the remaining deadline becomes the read timeout. */
    private static final class DeadlineStream extends FilterInputStream {
        private final Socket socket;
        private volatile boolean hasDeadline;
        private volatile long deadlineNanos;

        DeadlineStream(Socket socket) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
        }

        @Override
        public int read() throws IOException {
            arm();
            return super.read();
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            arm();
            return super.read(bytes, offset, length);
        }

        @Override
        public long skip(long count) throws IOException {
            arm();
            return super.skip(count);
        }

        private void arm() throws IOException {
            if (!hasDeadline) {
                return;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("the deadline passed");
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(left).toMillis())));
        }
    }
}
