package dk.sdu.im.user.transfer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * What {@link DownloadResponder} answers, independent of any HTTP server: a status, the response headers (with
 * {@code Content-Length} whenever the reply has one, HEAD included) and a body to send after them. The caller
 * sends the head, then the body by its kind, and always closes the reply, which closes the file. {@code user} is
 * the UCloud user whose token it was, or null, for the request log.
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
        /** How many bytes the body has; 0 when there is none (HEAD, 204, an empty file). */
        long length();

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
    }

    /** A small body held in memory (a JSON error). */
    public record Bytes(byte[] bytes) implements Body {
        @Override
        public long length() {
            return bytes.length;
        }
    }

    /**
     * {@code length} bytes of an open file from {@code offset}, sent from the file to the socket without passing
     * through memory of ours, so a file of any size costs the same. A file that turns out shorter than promised must
     * end the reply early: the client then sees a short body instead of a complete-looking wrong one.
     */
    public record FileSlice(FileChannel channel, long offset, long length) implements Body {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
