package dk.sdu.im.api.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A chunked request body (RFC 9112 7.1) decoded strictly, with the same grammar the gateway checks when it copies
 * one: {@code chunk-size [BWS ";" chunk-ext] CRLF}, at most 15 hex digits, data, CRLF; then the last chunk,
 * trailer fields (checked, then dropped) and the final CRLF. Lines end with CRLF only and are bounded. Anything
 * else is a {@link MalformedBody}, and a connection that ends inside the body is an {@link EOFException}: either
 * way a handler never takes a partial body for a whole one.
 */
final class ChunkedInput extends BodyInput {
    private final InputStream in;
    private final int maxLineBytes;
    /** Data bytes left in the current chunk; 0 between chunks. */
    private long left;
    private boolean ended;
    /** The failure met, if any: the framing is lost, so every later read fails the same way. */
    private IOException broken;

    ChunkedInput(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** A chunked body whose framing is broken; the connection cannot be used after it. */
    static final class MalformedBody extends IOException {
        MalformedBody(String message) {
            super(message);
        }
    }

    @Override
    boolean complete() {
        return ended;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (broken != null) {
            throw broken;
        }
        try {
            return readFramed(bytes, offset, length);
        } catch (IOException e) {
            broken = e;
            throw e;
        }
    }

    private int readFramed(byte[] bytes, int offset, int length) throws IOException {
        if (ended) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        if (left == 0) {
            left = nextChunkSize();
            if (left == 0) {
                trailers();
                ended = true;
                return -1;
            }
        }
        int n = in.read(bytes, offset, (int) Math.min(length, left));
        if (n < 0) {
            throw new EOFException("the connection ended inside a chunk of the request body");
        }
        left -= n;
        if (left == 0) {
            crlf();
        }
        return n;
    }

    private long nextChunkSize() throws IOException {
        String line = line();
        int digits = 0;
        while (digits < line.length() && Character.digit(line.charAt(digits), 16) >= 0 && line.charAt(digits) < 0x80) {
            digits++;
        }
        if (digits == 0 || digits > 15) {
            throw new MalformedBody("a chunk size is malformed");
        }
        String extension = RequestHead.withoutOptionalWhitespace(line.substring(digits));
        if (!extension.isEmpty() && !extension.startsWith(";")
                || !line.chars().allMatch(c -> c == '\t' || c >= 0x20 && c != 0x7f)) {
            throw new MalformedBody("a chunk extension is malformed");
        }
        return Long.parseLong(line.substring(0, digits), 16);
    }

    private void trailers() throws IOException {
        int budget = maxLineBytes;
        for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
            budget -= trailer.length() + 2;
            if (budget < 0) {
                throw new MalformedBody("the trailer section is too large");
            }
            try {
                RequestHead.fieldValue(trailer);
            } catch (Refusal e) {
                throw new MalformedBody("a trailer field is malformed");
            }
        }
    }

    private void crlf() throws IOException {
        int cr = in.read();
        int lf = in.read();
        if (cr < 0 || lf < 0) {
            throw new EOFException("the connection ended after chunk data");
        }
        if (cr != '\r' || lf != '\n') {
            throw new MalformedBody("chunk data is not followed by CRLF");
        }
    }

    /** One line without its CRLF, as ISO-8859-1; a bare CR or LF, or a line over the bound, is malformed. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(16);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the connection ended inside a chunked request body");
            }
            if (b == '\r') {
                if (in.read() != '\n') {
                    throw new MalformedBody("a CR in a chunked body is not followed by LF");
                }
                return line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b == '\n' || line.size() >= maxLineBytes) {
                throw new MalformedBody(b == '\n' ? "a chunk line ends with a bare LF" : "a chunk line is too long");
            }
            line.write(b);
        }
    }
}
