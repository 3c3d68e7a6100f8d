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
 * and write reports progress to an {@link IdleWatch}. Where {@link KernelSplice} can splice between the two sockets,
 * the kernel moves everything after the buffered bytes ({@link SpliceCopy}), and nothing passes through the buffer.
 */
final class ChannelCopy implements AutoCloseable {
    private final Endpoint from;
    private final Endpoint to;
    private final IdleWatch watch;
    private final Arena arena = Arena.ofConfined();
    private ByteBuffer buffer;
    /** The kernel's copy, or null when the bytes go through {@link #buffer}. */
    private final SpliceCopy spliced;

    ChannelCopy(Endpoint from, Endpoint to, IdleWatch watch, Optional<KernelSplice> kernel) {
        this.from = from;
        this.to = to;
        this.watch = watch;
        this.buffer = arena.allocate(BodyCopy.BUFFER_BYTES).asByteBuffer();
        this.spliced = kernel.flatMap(k -> k.between(from, to, watch)).orElse(null);
    }

    /**
     * Copies exactly {@code length} bytes.
     *
     * @throws EOFException if the source ends first
     */
    void exactly(long length) throws IOException {
        to.out().flush();
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

    /** Copies until the source ends. */
    void untilEnd() throws IOException {
        to.out().flush();
        while (!splicing()) {
            if (read(Long.MAX_VALUE) < 0) {
                return;
            }
            write();
        }
        spliced.untilEnd();
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
        while (buffer.hasRemaining()) {
            out.write(buffer);
            watch.progress();
        }
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
