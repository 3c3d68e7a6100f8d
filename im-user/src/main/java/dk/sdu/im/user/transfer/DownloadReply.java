package dk.sdu.im.user.transfer;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * What {@link DownloadResponder} answers, independent of any HTTP server: a status, the response headers (with
 * {@code Content-Length} whenever the reply has one, HEAD included) and a body to write. The caller sends the
 * head, calls {@link Body#writeTo} if {@link Body#length()} is positive, and always closes the reply, which
 * closes the file. {@code user} is the UCloud user whose token it was, or null, for the request log.
 */
public record DownloadReply(int status, SequencedMap<String, String> headers, Body body, String user)
        implements AutoCloseable {

    public DownloadReply {
        headers = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(body, "body");
    }

    @Override
    public void close() throws IOException {
        body.close();
    }

    /** The bytes after the head. */
    public sealed interface Body extends AutoCloseable {
        /** How many bytes {@link #writeTo} writes; 0 when there is no body (HEAD, 204, an empty file). */
        long length();

        void writeTo(OutputStream out) throws IOException;

        @Override
        default void close() throws IOException {
        }
    }

    /** No body. */
    public record None() implements Body {
        @Override
        public long length() {
            return 0;
        }

        @Override
        public void writeTo(OutputStream out) {
        }
    }

    /** A small body held in memory (a JSON error). */
    public record Bytes(byte[] bytes) implements Body {
        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(bytes);
        }
    }

    /**
     * {@code length} bytes of an open file from {@code offset}, copied through one bounded buffer, so a file
     * of any size costs the same memory. A file that turns out shorter than promised ends the copy with an
     * {@link EOFException}: the caller must then drop the connection, so the client sees a short body instead
     * of a complete-looking wrong one.
     */
    public record FileSlice(SeekableByteChannel channel, long offset, long length) implements Body {
        static final int BUFFER_BYTES = 256 * 1024;

        @Override
        public void writeTo(OutputStream out) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BUFFER_BYTES, Math.max(1, length)));
            channel.position(offset);
            long remaining = length;
            while (remaining > 0) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
                int read = channel.read(buffer);
                if (read < 0) {
                    throw new EOFException("the file became shorter while it was being sent");
                }
                out.write(buffer.array(), 0, read);
                remaining -= read;
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
