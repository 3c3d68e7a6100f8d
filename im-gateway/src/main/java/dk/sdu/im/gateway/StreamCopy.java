package dk.sdu.im.gateway;

import java.io.EOFException;
import java.io.IOException;

/**
 * The {@link BulkCopy} through the endpoints' streams, for a TLS client (its socket has no channel for
 * {@link ChannelCopy}). Each piece read is written and flushed at once, as a tunnel needs; the buffer starts at
 * {@link BodyCopy#BUFFER_BYTES} and doubles up to {@link BodyCopy#MAX_COPY_BYTES} while reads fill it. The source's
 * read timeout is switched off: the {@link IdleWatch}, which sees both directions of a tunnel, times the copy out
 * instead, as it does for channels (a client that only receives must not be cut off for sending nothing).
 */
final class StreamCopy implements BulkCopy {
    private final Endpoint from;
    private final Endpoint to;
    private final IdleWatch watch;
    private byte[] buffer = new byte[BodyCopy.BUFFER_BYTES];

    StreamCopy(Endpoint from, Endpoint to, IdleWatch watch) throws IOException {
        this.from = from;
        this.to = to;
        this.watch = watch;
        from.socket().setSoTimeout(0);
    }

    @Override
    public void exactly(long length) throws IOException {
        long remaining = length;
        while (remaining > 0) {
            int read = read(remaining);
            if (read < 0) {
                throw new EOFException("the stream ended " + remaining + " bytes before the end of the body");
            }
            remaining -= read;
            write(read);
        }
    }

    @Override
    public void untilEnd() throws IOException {
        for (int read = read(Long.MAX_VALUE); read >= 0; read = read(Long.MAX_VALUE)) {
            write(read);
        }
    }

    private int read(long limit) throws IOException {
        int read = from.in().read(buffer, 0, (int) Math.min(buffer.length, limit));
        watch.progress();
        return read;
    }

    private void write(int length) throws IOException {
        to.out().write(buffer, 0, length);
        to.out().flush();
        watch.progress();
        if (length == buffer.length && buffer.length < BodyCopy.MAX_COPY_BYTES) {
            buffer = new byte[buffer.length * 2];
        }
    }

    @Override
    public void close() {
        // Nothing held but the heap buffer.
    }
}
