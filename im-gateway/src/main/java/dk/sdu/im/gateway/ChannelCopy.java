package dk.sdu.im.gateway;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * Moves bulk bytes (a large fixed-length body, a WebSocket tunnel's traffic) from one endpoint to another through
 * a direct buffer and the sockets' channels, so Java copies nothing: the socket streams would copy every byte
 * into a heap array and out of it again. First come the bytes the source's stream has buffered already, then
 * reads straight from its channel; the sink's stream is flushed before the first write, so what it holds (a
 * response head) goes first. The buffer starts at {@link BodyCopy#BUFFER_BYTES} (an idle tunnel holds little) and
 * doubles up to {@link BodyCopy#MAX_COPY_BYTES} while reads fill it; it is freed when the copy ends. Every read
 * and write reports progress to an {@link IdleWatch}, which also times each write: one that does not complete within
 * the idle time (the receiver stopped reading) ends the copy. Where
 * {@link KernelSplice} can splice between the two sockets, the kernel moves everything after the buffered bytes
 * ({@link SpliceCopy}), and nothing passes through the buffer: a fixed-length body from the start, a tunnel once its
 * traffic proved bulk (reads filled the buffer until it reached its largest size). An interactive tunnel (a shell, a
 * log being followed) so never holds the two pipes of a kernel copy, which count against the service account's pipe
 * limit for as long as the tunnel lives.
 */
final class ChannelCopy implements BulkCopy {
    private final Endpoint from;
    private final Endpoint to;
    private final IdleWatch watch;
    private final IdleWatch.Writes writes;
    private final Arena arena = Arena.ofConfined();
    private ByteBuffer buffer;
    private Optional<KernelSplice> kernel;
    /** The kernel's copy, or null while the bytes go through {@link #buffer}. */
    private SpliceCopy spliced;

    ChannelCopy(Endpoint from, Endpoint to, IdleWatch watch, Optional<KernelSplice> kernel) {
        this.from = from;
        this.to = to;
        this.watch = watch;
        this.writes = watch.writes();
        this.kernel = kernel;
        this.buffer = arena.allocate(BodyCopy.BUFFER_BYTES).asByteBuffer();
    }

    @Override
    public void exactly(long length) throws IOException {
        to.out().flush();
        startSplicing();
        long remaining = length;
        while (remaining > 0) {
            if (splicing()) {
                spliced.exactly(remaining);
                return;
            }
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
        while (!splicing()) {
            if (read(Long.MAX_VALUE) < 0) {
                return;
            }
            write();
            if (buffer.capacity() == BodyCopy.MAX_COPY_BYTES) {
                startSplicing();
            }
        }
        spliced.untilEnd();
    }

    /** Has the kernel copy from now on if it can; asks at most once. */
    private void startSplicing() {
        spliced = kernel.flatMap(k -> k.between(from, to, watch)).orElse(null);
        kernel = Optional.empty();
    }

    /** Whether the kernel copies from here on: it can, and the source's stream has handed over what it buffered. */
    private boolean splicing() {
        return spliced != null && from.in().buffered() == 0;
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
        if (spliced != null) {
            spliced.close();
        }
        arena.close();
    }
}
