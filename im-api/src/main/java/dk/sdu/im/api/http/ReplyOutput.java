package dk.sdu.im.api.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The body of one reply to an HTTP call, framed as its head announced: exactly {@code Content-Length} bytes,
 * chunks, nothing (a HEAD request, a 204, a length of -1), or bytes until the connection closes (HTTP/1.0).
 * Closing it ends the body (the last chunk) without closing the connection; {@link #intact()} then says whether
 * the body matched its framing, which the connection needs before it carries another request.
 */
final class ReplyOutput extends OutputStream {
    /** How the body is delimited on the wire. */
    enum Mode { LENGTH, CHUNKED, NONE, UNTIL_CLOSE }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final OutputStream out;
    private final Mode mode;
    private long remaining;
    private boolean closed;
    private boolean broken;

    ReplyOutput(OutputStream out, Mode mode, long length) {
        this.out = out;
        this.mode = mode;
        this.remaining = mode == Mode.LENGTH ? length : 0;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("the reply body is already closed");
        }
        if (length == 0) {
            return;
        }
        switch (mode) {
            case LENGTH -> {
                if (length > remaining) {
                    broken = true;
                    throw new IOException("the reply body is longer than its Content-Length");
                }
                out.write(bytes, offset, length);
                remaining -= length;
            }
            case CHUNKED -> {
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(bytes, offset, length);
                out.write(CRLF);
            }
            case NONE -> {
                broken = true;
                throw new IOException("this reply has no body");
            }
            case UNTIL_CLOSE -> out.write(bytes, offset, length);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Ends the body; the connection stays open. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (mode == Mode.CHUNKED) {
            out.write(LAST_CHUNK);
        }
        out.flush();
    }

    /** Whether the body was ended and matched its framing, so the peer knows where the next reply starts. */
    boolean intact() {
        return closed && !broken && remaining == 0 && mode != Mode.UNTIL_CLOSE;
    }
}
