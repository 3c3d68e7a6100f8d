package dk.sdu.im.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A request head as received: the {@link RequestLine} and the header fields. The request line is forwarded
 * exactly as it came, so the backend sees the same method, path and query.
 */
record RequestHead(String method, String target, String version, HeaderFields headers) {
    /** Parses a head's lines; the first one is the request line ({@link RequestLine}). */
    static RequestHead parse(List<String> lines) throws BadHead {
        return RequestLine.parse(lines.getFirst()).with(HeaderFields.parse(lines.subList(1, lines.size())));
    }

    /** Whether the client asked to close the connection after this exchange (HTTP/1.0 always does). */
    boolean wantsClose() {
        return version.equals("HTTP/1.0") || headers.hasToken("connection", "close");
    }

    /** A WebSocket opening handshake (RFC 6455 4.1); other upgrades (e.g. h2c) are not passed on. */
    boolean isWebSocketUpgrade() {
        return method.equals("GET") && headers.hasToken("connection", "upgrade")
                && headers.hasToken("upgrade", "websocket");
    }

    RequestTarget parsedTarget() {
        return RequestTarget.of(target);
    }

    /** The head as forwarded: the same request line, the given fields. */
    byte[] bytes(HeaderFields fields) {
        StringBuilder head = new StringBuilder(512).append(method).append(' ').append(target).append(' ')
                .append(version).append("\r\n");
        fields.appendTo(head);
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
