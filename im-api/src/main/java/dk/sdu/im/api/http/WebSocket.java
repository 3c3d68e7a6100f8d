package dk.sdu.im.api.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * One accepted WebSocket connection, as a {@link SocketSession} sees it.
 *
 * <p>Threading: {@link #read()} and the streams of the {@link Incoming.Binary} messages it returns belong to
 * one reading thread at a time (normally the session's). Sends and {@link #close} may be called from any
 * thread; each send writes one whole frame under a lock, so frames from concurrent senders never interleave.
 * Sends block while the peer is not reading (TCP back-pressure), until a write has moved no byte for the write
 * timeout: then the connection is closed and the send fails. The server pings a connection that sent nothing for
 * the ping interval ({@link HttpListener.Settings}); the peer's pongs do not count as activity.
 */
public interface WebSocket {
    /**
     * Blocks for the next data message. Pings are answered with pongs and pongs are ignored on the way; a close
     * frame from the peer is answered and yields {@link Incoming.Closed}, as does a protocol violation (after
     * this side has sent the close code). A previous {@link Incoming.Binary} whose stream was not read to its
     * end is skipped first.
     *
     * @throws java.net.SocketTimeoutException after the idle timeout without any frame but pongs (the server then
     *     closes the connection with 1001)
     * @throws IOException if the connection fails
     */
    Incoming read() throws IOException;

    /** Sends one text frame. @throws IOException if the connection is closing or failed */
    void sendText(String text) throws IOException;

    /** Sends the buffer's remaining bytes as one binary frame; the buffer is not modified. */
    void sendBinary(ByteBuffer data) throws IOException;

    /**
     * Sends a close frame (only the first call does), then waits briefly for the peer's close and closes the
     * TCP connection. Never throws for I/O problems: a failed connection is simply closed.
     *
     * @param code a code an endpoint may send: 1000-1003, 1007-1014 or 3000-4999 (see {@link CloseCodes})
     * @param reason a short text, cut to 123 UTF-8 bytes
     * @throws IllegalArgumentException if the code may not be sent
     */
    void close(int code, String reason);

    /** How long {@link #read()} waits for a frame before giving up; starts as the server's setting. */
    void setIdleTimeout(Duration timeout);
}
