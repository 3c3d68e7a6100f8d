package dk.sdu.im.api.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an HTTP/1.1 request head (request line and field lines, up to the empty line) and not one byte more,
 * so frames a client sends right after its handshake stay in the stream.
 *
 * <p>Bounded: at most {@code limit} bytes, line ends and the final empty line included. Lines end with CRLF
 * only; a bare CR or LF is refused, so this server and the gateway cannot disagree about where a line ends.
 * Empty lines before the request line are skipped (RFC 9112 2.2) and count towards the limit.
 */
final class HeadReader {
    private HeadReader() {
    }

    /**
     * The head's lines without line ends, read as ISO-8859-1; empty if the stream ended before its first byte.
     *
     * @throws Refusal (431) if the head is larger than {@code limit}, (400) if a line end is malformed
     * @throws EOFException if the stream ends inside the head
     */
    static Optional<List<String>> read(InputStream in, int limit) throws IOException, Refusal {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int total = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (total == 0) {
                    return Optional.empty();
                }
                throw new EOFException("the connection ended inside the request head");
            }
            if (++total > limit) {
                throw Refusal.headTooLarge(limit);
            }
            if (b == '\n') {
                throw Refusal.badRequest("A line of the request head ends with a bare LF");
            }
            if (b != '\r') {
                line.write(b);
                continue;
            }
            int next = in.read();
            if (++total > limit) {
                throw Refusal.headTooLarge(limit);
            }
            if (next != '\n') {
                throw Refusal.badRequest("A CR in the request head is not followed by LF");
            }
            if (line.size() > 0) {
                lines.add(line.toString(StandardCharsets.ISO_8859_1));
                line.reset();
            } else if (!lines.isEmpty()) {
                return Optional.of(lines);
            }
        }
    }
}
