package dk.sdu.im.testkit.browser;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The head of an HTTP/1.1 response as {@link DirectDownload} reads it: the status and the header fields (names
 * case-insensitive). Parsing is lenient where the contract does not care and strict where the body's framing
 * depends on it: a chunked body and a malformed or repeated, differing {@code Content-Length} fail.
 */
record RawResponseHead(int status, Map<String, List<String>> headers) {
    static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final byte[] END = {'\r', '\n', '\r', '\n'};

    /**
     * Reads from {@code socket} into {@code buffer} until the head is complete and parses it; {@code buffer} is then
     * flipped, positioned at the body's first byte.
     */
    static RawResponseHead read(SocketChannel socket, ByteBuffer buffer) throws IOException {
        buffer.clear();
        int end;
        while ((end = headEnd(buffer)) < 0) {
            if (buffer.position() >= MAX_HEAD_BYTES) {
                throw new IOException("a response head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            if (socket.read(buffer) < 0) {
                throw new EOFException("the connection ended inside the response head");
            }
        }
        byte[] head = new byte[end];
        buffer.flip();
        buffer.get(head).position(end + END.length);
        return parse(new String(head, StandardCharsets.ISO_8859_1));
    }

    /** The body's length, or -1 when it ends with the connection. */
    long contentLength() throws IOException {
        List<String> values = headers.getOrDefault("Content-Length", List.of());
        if (values.stream().distinct().count() > 1) {
            throw new IOException("differing Content-Length fields: " + values);
        }
        try {
            return values.isEmpty() ? -1 : Long.parseLong(values.getFirst().strip());
        } catch (NumberFormatException e) {
            throw new IOException("a malformed Content-Length: " + values.getFirst());
        }
    }

    private static int headEnd(ByteBuffer buffer) {
        for (int i = 0; i + END.length <= buffer.position(); i++) {
            if (buffer.get(i) == '\r' && buffer.get(i + 1) == '\n' && buffer.get(i + 2) == '\r' && buffer.get(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static RawResponseHead parse(String head) throws IOException {
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + lines[0]);
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new IOException("a malformed header line: " + lines[i]);
            }
            headers.computeIfAbsent(lines[i].substring(0, colon), name -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
        }
        if (headers.containsKey("Transfer-Encoding")) {
            throw new IOException("a body with Transfer-Encoding " + headers.get("Transfer-Encoding") + " (only Content-Length is read)");
        }
        try {
            return new RawResponseHead(Integer.parseInt(statusLine[1]), headers);
        } catch (NumberFormatException e) {
            throw new IOException("a malformed status line: " + lines[0]);
        }
    }
}
