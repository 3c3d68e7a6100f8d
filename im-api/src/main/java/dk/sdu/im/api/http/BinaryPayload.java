package dk.sdu.im.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The stream of one binary message: reads go through the connection (which holds the read lock and ends the
 * connection on a violation) to the message reader, across continuation frames, until the final frame ends.
 * Only the reading thread uses it.
 */
final class BinaryPayload extends InputStream {
    /** Reads payload bytes of this stream's message; -1 at its end. */
    @FunctionalInterface
    interface Source {
        int read(BinaryPayload stream, byte[] bytes, int offset, int length) throws IOException;
    }

    private final Source source;
    private final byte[] one = new byte[1];
    private boolean ended;
    private boolean closed;

    BinaryPayload(Source source) {
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (closed) {
            throw new IOException("the message stream is closed");
        }
        if (ended) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int read = source.read(this, bytes, offset, length);
        ended = read < 0;
        return read;
    }

    /** Stops reads from this stream; the rest of the message is skipped by the next {@link WebSocket#read()}. */
    @Override
    public void close() {
        closed = true;
    }
}
