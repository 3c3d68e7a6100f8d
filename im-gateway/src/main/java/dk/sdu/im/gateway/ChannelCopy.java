package dk.sdu.im.gateway;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Moves bulk bytes (a large fixed-length body, a WebSocket tunnel's traffic) from one endpoint to another through
 * a direct buffer and the sockets' channels, so Java copies nothing: the socket streams would copy every byte
 * into a heap array and out of it again. First come the bytes the source's stream has buffered already, then
 * reads straight from its channel; the sink's stream is flushed before the first write, so what it holds (a
 * response head) goes first. The buffer starts at {@link BodyCopy#BUFFER_BYTES} (an idle tunnel holds little) and
 * doubles up to {@link BodyCopy#MAX_COPY_BYTES} while reads fill it; it is freed when the copy ends. Every read
 * and write reports progress to an {@link IdleWatch}, which also times each write: one that does not complete within
 * the idle time (the receiver stopped reading) ends the copy.
 */
final class ChannelCopy implements BulkCopy {
    private final Endpoint from;
    private final Endpoint to;
    private final IdleWatch watch;
    private final IdleWatch.Writes writes;
    private final Arena arena = Arena.ofConfined();
    private ByteBuffer buffer;

    ChannelCopy(Endpoint from, Endpoint to, IdleWatch watch) {
        this.from = from;
        this.to = to;
        this.watch = watch;
        this.writes = watch.writes();
        this.buffer = arena.allocate(BodyCopy.BUFFER_BYTES).asByteBuffer();
    }

    @Override
    public void exactly(long length) throws IOException {
        to.out().flush();
        long remaining = length;
        while (remaining > 0) {
            int read = read(remaining);
            if (read < 0) {
                throw new EOFException("the stream ended " + remaining + " bytes before the end of the body");
            }
            remaining -= read;
            write();
        }
    }

    @Override
    public void untilEnd() throws IOException {
        to.out().flush();
        for (int read = read(Long.MAX_VALUE); read >= 0; read = read(Long.MAX_VALUE)) {
            write();
        }
    }

    /** Fills the emptied buffer with at most {@code limit} bytes; how many, or -1 at the end of the source. */
    private int read(long limit) throws IOException {
        buffer.clear().limit((int) Math.min(buffer.capacity(), limit));
        int read = from.in().takeBuffered(buffer);
        if (read == 0) {
            read = from.channel().read(buffer);
        }
        watch.progress();
        buffer.flip();
        return read;
    }

    private void write() throws IOException {
        boolean full = buffer.limit() == buffer.capacity();
        SocketChannel out = to.channel();
        writes.begin();
        while (buffer.hasRemaining()) {
            if (out.write(buffer) > 0) {
                writes.moved();
            }
        }
        writes.end();
        if (full && buffer.capacity() < BodyCopy.MAX_COPY_BYTES) {
            buffer = arena.allocate(buffer.capacity() * 2L).asByteBuffer();
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
