package dk.sdu.im.gateway;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one CRLF-terminated line of a message head or of chunked framing, strictly and within a byte
 * limit. A bare CR or LF is malformed, so the gateway and a backend cannot disagree about where a line
 * ends. Bytes are read as ISO-8859-1, so writing the line back reproduces its bytes.
 */
final class LineReader {
    private LineReader() {
    }

    /**
     * The line without its CRLF, or {@code null} if the stream ended before the line's first byte.
     *
     * @param limit the most bytes the line may take, CRLF included
     * @throws BadHead if the line is longer than {@code limit} or its end is malformed
     * @throws EOFException if the stream ends inside the line
     */
    static String readLine(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int count = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (count == 0) {
                    return null;
                }
                throw new EOFException("the stream ended inside a line");
            }
            if (++count > limit - 1) {
                throw new BadHead(BadHead.Kind.TOO_LARGE, "line longer than " + limit + " bytes");
            }
            if (b == '\r') {
                return endOfLine(in, line);
            }
            if (b == '\n') {
                throw BadHead.malformed("bare LF");
            }
            line.write(b);
        }
    }

    private static String endOfLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the stream ended inside a line");
        }
        if (b != '\n') {
            throw BadHead.malformed("CR without LF");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
