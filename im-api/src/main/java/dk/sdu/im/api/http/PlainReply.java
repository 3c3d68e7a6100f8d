package dk.sdu.im.api.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.SequencedMap;

/**
 * The reply to one {@link PlainEndpoint} request: a head, then at most one body, then the connection closes. The
 * head holds the endpoint's fields as given (it frames the body with {@code Content-Length}, also for HEAD) plus
 * {@code Connection: close}, so the gateway does not keep this connection for another request. A file body goes
 * from the page cache to the socket with {@link FileChannel#transferTo} (sendfile): no byte passes through Java.
 */
public final class PlainReply {
    /** Bytes per transferTo call: progress is reported after each. */
    static final long STEP_BYTES = 16L * 1024 * 1024;
    /** Bytes written through {@link #piece} when the socket is full, to wait for it. */
    static final int PIECE_BYTES = 64 * 1024;

    private final OutputStream out;
    private final SocketChannel channel;
    private boolean headSent;
    private ByteBuffer piece;
    private long bodyBytes;

    PlainReply(OutputStream out, SocketChannel channel) {
        this.out = out;
        this.channel = channel;
    }

    /**
     * Sends the status line and fields; call once, first.
     *
     * @throws IllegalArgumentException if a field name or value holds CR or LF (it would split the head)
     */
    public void head(int status, SequencedMap<String, String> fields) throws IOException {
        if (headSent) {
            throw new IllegalStateException("the head was already sent");
        }
        out.write(HttpReplies.closingHead(status, fields));
        out.flush();
        headSent = true;
    }

    /** Sends a small body held in memory, after the head. */
    public void bytes(byte[] body) throws IOException {
        requireHead();
        out.write(body);
        out.flush();
        bodyBytes += body.length;
    }

    /**
     * Sends {@code length} bytes of {@code file} from {@code offset}, after the head, running {@code progress} after
     * every {@value #STEP_BYTES} bytes and at the end.
     *
     * <p>The socket's descriptor is non-blocking underneath (the head was read with a timeout, on a virtual thread),
     * so {@link FileChannel#transferTo} returns 0 instead of waiting when the socket's buffer is full. Then one
     * small piece goes through {@link #writePiece}, whose channel write parks the thread until the socket takes it,
     * and sendfile resumes: a few percent of the bytes pass through a buffer, none is sent twice, nothing spins.
     *
     * @throws EOFException if the file ends before {@code offset + length}: the caller must not pretend the body was
     *     whole; the connection closes with the body short of its Content-Length, which the client sees as truncated
     */
    public void file(FileChannel file, long offset, long length, Runnable progress) throws IOException {
        requireHead();
        long sent = 0;
        long sinceProgress = 0;
        while (sent < length) {
            long moved = file.transferTo(offset + sent, Math.min(STEP_BYTES, length - sent), channel);
            if (moved == 0) {
                moved = writePiece(file, offset + sent, Math.min(PIECE_BYTES, length - sent));
            }
            sent += moved;
            bodyBytes += moved;
            sinceProgress += moved;
            if (sinceProgress >= STEP_BYTES) {
                sinceProgress = 0;
                progress.run();
            }
        }
        progress.run();
    }

    /** Reads up to {@code count} bytes at {@code position} and writes them, waiting for the socket; how many. */
    private long writePiece(FileChannel file, long position, long count) throws IOException {
        if (piece == null) {
            piece = ByteBuffer.allocateDirect(PIECE_BYTES);
        }
        piece.clear().limit((int) count);
        if (file.read(piece, position) < 0) {
            throw new EOFException("the file became shorter while it was being sent");
        }
        piece.flip();
        int bytes = piece.remaining();
        while (piece.hasRemaining()) {
            channel.write(piece);
        }
        return bytes;
    }

    /** Body bytes handed to the socket so far (for transfer metrics; a client gone early got fewer). */
    public long bodyBytes() {
        return bodyBytes;
    }

    boolean headSent() {
        return headSent;
    }

    private void requireHead() {
        if (!headSent) {
            throw new IllegalStateException("the head must be sent before the body");
        }
    }
}
