package dk.sdu.im.gateway;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Copies a chunked body (RFC 9112 7.1) chunk by chunk, validating the framing as it goes and writing
 * each validated piece unchanged, trailers included. The receiver therefore sees the same chunks, and
 * the gateway knows exactly where the body ends. Chunk lines and trailers are bounded by
 * {@link BodyCopy#maxLineBytes()}; chunk sizes by 2^60.
 *
 * <p>Malformed framing is a {@link BadHead} whose message names the part (for the log). The last chunk and its
 * trailers are written only once all of them were validated, so a receiver of a malformed body never sees its end.
 */
record ChunkedCopy(BodyCopy body) {
    private static final byte[] CRLF = {'\r', '\n'};

    void copy(Runnable sourceEnded) throws IOException {
        while (true) {
            String sizeLine = line("chunk size line");
            long size = chunkSize(sizeLine);
            if (size == 0) {
                lastChunk(sizeLine, sourceEnded);
                return;
            }
            write(sizeLine);
            body.exactly(size, () -> { });
            body.flushIfIdle();
            expectCrlf();
            body.out().write(CRLF);
            body.flushIfIdle();
        }
    }

    /** The last chunk, the trailer section and the final CRLF; the source ends with them. */
    private void lastChunk(String sizeLine, Runnable sourceEnded) throws IOException {
        StringBuilder rest = new StringBuilder(sizeLine).append("\r\n");
        int budget = body.maxLineBytes();
        for (String trailer = line("trailer"); !trailer.isEmpty(); trailer = line("trailer")) {
            budget -= trailer.length() + 2;
            if (budget < 0) {
                throw new BadHead(BadHead.Kind.TOO_LARGE, "trailer section too large");
            }
            try {
                HeaderField.parse(trailer);
            } catch (BadHead e) {
                throw named("trailer", e);
            }
            rest.append(trailer).append("\r\n");
        }
        sourceEnded.run();
        body.out().write(rest.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** {@code chunk-size [BWS ";" chunk-ext]}: at most 15 hex digits; the extension is passed on. */
    static long chunkSize(String line) throws BadHead {
        int digits = 0;
        while (digits < line.length() && isHex(line.charAt(digits))) {
            digits++;
        }
        if (digits == 0 || digits > 15) {
            throw BadHead.malformed("malformed chunk size");
        }
        String extension = HeaderField.withoutOptionalWhitespace(line.substring(digits));
        if (!extension.isEmpty() && !extension.startsWith(";")
                || !line.chars().allMatch(c -> c == '\t' || c >= 0x20 && c != 0x7f)) {
            throw BadHead.malformed("malformed chunk extension");
        }
        return Long.parseLong(line.substring(0, digits), 16);
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** The next line of framing; {@code part} names it in a {@link BadHead}'s message (which goes to the log). */
    private String line(String part) throws IOException {
        String line;
        try {
            line = LineReader.readLine(body.in(), body.maxLineBytes());
        } catch (BadHead e) {
            throw named(part, e);
        }
        if (line == null) {
            throw new EOFException("the stream ended inside a chunked body");
        }
        return line;
    }

    private static BadHead named(String part, BadHead e) {
        return new BadHead(e.kind(), part + ": " + e.getMessage());
    }

    private void expectCrlf() throws IOException {
        int cr = body.in().read();
        int lf = body.in().read();
        if (cr < 0 || lf < 0) {
            throw new EOFException("the stream ended after chunk data");
        }
        if (cr != '\r' || lf != '\n') {
            throw BadHead.malformed("chunk data not followed by CRLF");
        }
    }

    private void write(String line) throws IOException {
        body.out().write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
}
