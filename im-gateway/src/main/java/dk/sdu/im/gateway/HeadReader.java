package dk.sdu.im.gateway;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one HTTP/1.x message head (start line and field lines, up to the empty line) from a stream,
 * reading exactly to the end of the head, so the body or the next message stays in the stream.
 *
 * <p>Bounded: at most {@code limit} bytes, line ends included. Empty lines before the start line are
 * skipped (RFC 9112 2.2) and count towards the limit.
 */
final class HeadReader {
    private HeadReader() {
    }

    /**
     * The head's lines without line ends and without the final empty line; empty if the stream ended
     * cleanly before the first byte (e.g. a keep-alive connection the peer closed).
     *
     * @throws BadHead if the head is larger than {@code limit} or a line end is malformed
     * @throws EOFException if the stream ends inside the head
     */
    static Optional<List<String>> read(InputStream in, int limit) throws IOException {
        List<String> lines = new ArrayList<>();
        int budget = limit;
        while (true) {
            String line = LineReader.readLine(in, budget);
            if (line == null) {
                if (budget == limit) {
                    return Optional.empty();
                }
                throw new EOFException("the stream ended inside a message head");
            }
            budget -= line.length() + 2;
            if (!line.isEmpty()) {
                lines.add(line);
            } else if (!lines.isEmpty()) {
                return Optional.of(lines);
            }
        }
    }
}
