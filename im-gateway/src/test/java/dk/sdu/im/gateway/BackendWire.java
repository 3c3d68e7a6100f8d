package dk.sdu.im.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The raw HTTP/1.1 the tests' hand-written backends read and write: a request head, a reply framed by length. */
final class BackendWire {
    private BackendWire() {
    }

    /** The request head up to and including its empty line, byte by byte (so the body stays unread); null at the end. */
    static String head(InputStream in) throws IOException {
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** A reply with {@code text} as its body and a Content-Length, saying {@code Connection: close} if asked. */
    static byte[] answer(int status, String text, boolean sayClose) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " X\r\nContent-Length: " + body.length + "\r\n"
                + (sayClose ? "Connection: close\r\n" : "") + "\r\n";
        var bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }
}
