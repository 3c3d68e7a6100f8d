package dk.sdu.im.gateway;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Streams one message body from {@code in} to {@code out} by its {@link Framing}, in pieces of 16 KiB that grow
 * to {@link #MAX_COPY_BYTES} while a bulk transfer keeps filling them; a body is never held whole. It reads
 * exactly to the end of the body, so whatever follows (the next request on a keep-alive connection) stays in
 * {@code in}. Output is flushed whenever the input has nothing more to hand over, so a slow or interactive stream
 * is not held back. Large response bodies and tunnels take the {@link ChannelCopy} path instead.
 *
 * <p>{@code sourceEnded} runs right after the body's last byte was read and before it is written:
 * whoever answers the request cannot have seen the whole body before that moment, which is how the
 * gateway knows, without guessing from timing, whether the client connection is at the next request, and
 * how it hands a backend connection back to the pool before the client can send its next request. After
 * {@code sourceEnded} the copy no longer touches {@code in}, which may by then belong to another exchange.
 *
 * @throws EOFException if {@code in} ends before the body does (the peer closed mid-body)
 */
record BodyCopy(InputStream in, OutputStream out, int maxLineBytes) {
    static final int BUFFER_BYTES = 16 * 1024;
    /**
     * The largest copy buffer: a bulk transfer (a 1 GiB download, a WebSocket upload) moves this much per system
     * call instead of 16 KiB, which halves the gateway's CPU per byte against 128 KiB calls. Buffers start small
     * and grow only while reads keep filling them, so only bulk transfers hold one.
     */
    static final int MAX_COPY_BYTES = 1024 * 1024;

    void copy(Framing framing, Runnable sourceEnded) throws IOException {
        switch (framing) {
            case Framing.None none -> sourceEnded.run();
            case Framing.Fixed fixed -> exactly(fixed.length(), sourceEnded);
            case Framing.Chunked chunked -> new ChunkedCopy(this).copy(sourceEnded);
            case Framing.UntilClose untilClose -> untilClose(sourceEnded);
        }
        out.flush();
    }

    /**
     * Copies exactly {@code length} bytes; used for fixed bodies and for chunk data. The last piece is written but
     * not flushed: {@code lastByteRead} may have given {@code in} away, so the caller decides about flushing.
     */
    void exactly(long length, Runnable lastByteRead) throws IOException {
        byte[] buffer = new byte[(int) Math.min(BUFFER_BYTES, length)];
        long remaining = length;
        while (remaining > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                throw new EOFException("the stream ended " + remaining + " bytes before the end of the body");
            }
            remaining -= read;
            if (remaining == 0) {
                lastByteRead.run();
                out.write(buffer, 0, read);
                return;
            }
            out.write(buffer, 0, read);
            flushIfIdle();
            if (read == buffer.length) {
                buffer = grown(buffer, remaining);
            }
        }
    }

    void flushIfIdle() throws IOException {
        if (in.available() == 0) {
            out.flush();
        }
    }

    private void untilClose(Runnable sourceEnded) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            out.write(buffer, 0, read);
            flushIfIdle();
            if (read == buffer.length) {
                buffer = grown(buffer, Long.MAX_VALUE);
            }
        }
        sourceEnded.run();
    }

    /** A buffer twice as large (at most {@link #MAX_COPY_BYTES}, and no larger than what is left), or the same. */
    private static byte[] grown(byte[] buffer, long remaining) {
        int size = (int) Math.min(Math.min(MAX_COPY_BYTES, (long) buffer.length * 2), Math.max(buffer.length, remaining));
        return size > buffer.length ? new byte[size] : buffer;
    }
}
