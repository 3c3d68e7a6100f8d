package dk.sdu.im.api.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body as a handler reads it, over the connection's input: never one byte past the body's end, so the
 * next request on the connection starts where it should. Closing it does not close the connection; whatever a
 * handler left unread is read and discarded (within a bound) when the exchange ends, see {@link #skipRest}.
 */
abstract sealed class BodyInput extends InputStream permits BodyInput.Empty, BodyInput.Fixed, ChunkedInput {
    /** The body of {@code framing} on {@code connection}. */
    static BodyInput of(BodyFraming framing, InputStream connection, int maxLineBytes) {
        return switch (framing) {
            case BodyFraming.None _ -> new Empty();
            case BodyFraming.Fixed fixed -> new Fixed(connection, fixed.length());
            case BodyFraming.Chunked _ -> new ChunkedInput(connection, maxLineBytes);
        };
    }

    /** Whether the body was read to its end, so the connection is positioned at the next request. */
    abstract boolean complete();

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : Byte.toUnsignedInt(one[0]);
    }

    @Override
    public void close() {
        // The connection outlives the body; see the class comment.
    }

    /** Reads and discards the rest of the body, at most {@code limit} bytes; whether the body then is complete. */
    final boolean skipRest(long limit) throws IOException {
        byte[] sink = new byte[16 * 1024];
        long left = limit;
        while (!complete() && left > 0) {
            int n = read(sink, 0, (int) Math.min(sink.length, left));
            if (n < 0) {
                break;
            }
            left -= n;
        }
        return complete();
    }

    /** No body: the end at once. */
    static final class Empty extends BodyInput {
        @Override
        boolean complete() {
            return true;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) {
            return -1;
        }
    }

    /** A {@code Content-Length} body; a connection that ends short of it is an {@link EOFException}. */
    static final class Fixed extends BodyInput {
        private final InputStream in;
        private long remaining;

        Fixed(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        boolean complete() {
            return remaining == 0;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            int n = in.read(bytes, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw new EOFException("the connection ended " + remaining + " bytes short of the request body");
            }
            remaining -= n;
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(remaining, in.available());
        }
    }
}
