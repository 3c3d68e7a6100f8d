package dk.sdu.im.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A request head as received: {@code method SP target SP version} and the header fields. The request
 * line is forwarded exactly as it came, so the backend sees the same method, path and query.
 */
record RequestHead(String method, String target, String version, HeaderFields headers) {
    /** Parses the lines from {@link HeadReader}; the first one is the request line. */
    static RequestHead parse(List<String> lines) throws BadHead {
        String[] parts = lines.getFirst().split(" ", -1);
        if (parts.length != 3 || !Tokens.isToken(parts[0]) || !validTarget(parts[1])) {
            throw BadHead.malformed("malformed request line");
        }
        if (!parts[2].matches("HTTP/[0-9]\\.[0-9]")) {
            throw BadHead.malformed("malformed HTTP version");
        }
        if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
            throw new BadHead(BadHead.Kind.UNSUPPORTED_VERSION, "unsupported version " + parts[2]);
        }
        return new RequestHead(parts[0], parts[1], parts[2], HeaderFields.parse(lines.subList(1, lines.size())));
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

    /** Origin form, absolute form (RFC 9112 3.2) or {@code *}; visible ASCII only, no fragment. */
    private static boolean validTarget(String target) {
        if (target.isEmpty() || target.indexOf('#') >= 0 || !target.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return false;
        }
        return target.startsWith("/") || target.equals("*") || RequestTarget.isAbsolute(target);
    }
}
