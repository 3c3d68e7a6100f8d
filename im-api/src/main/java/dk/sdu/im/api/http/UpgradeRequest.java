package dk.sdu.im.api.http;

import java.util.Base64;
import java.util.List;

/**
 * Checks that a request head is a WebSocket opening handshake this server speaks (RFC 6455 4.2.1): GET over
 * HTTP/1.1 with a Host, {@code Upgrade: websocket}, a {@code Connection} holding {@code upgrade}, version 13 and
 * a key that is base64 of 16 bytes. Offered subprotocols and extensions are ignored, i.e. declined.
 */
final class UpgradeRequest {
    private UpgradeRequest() {
    }

    /** The method and version, checked before the path is looked up. @throws Refusal (400) */
    static void checkRequestLine(RequestHead head) throws Refusal {
        if (!head.method().equals("GET")) {
            throw Refusal.badRequest("A WebSocket handshake must use GET, not " + head.method());
        }
        if (!head.version().equals("HTTP/1.1")) {
            throw Refusal.badRequest("A WebSocket handshake must use HTTP/1.1");
        }
    }

    /**
     * The client's {@code Sec-WebSocket-Key}, after checking the upgrade fields.
     *
     * @throws Refusal (400) for a missing or malformed field, (426) for a version other than 13
     */
    static String clientKey(RequestHead head) throws Refusal {
        if (head.values("host").size() != 1) {
            throw Refusal.badRequest("The request must have exactly one Host header");
        }
        if (!head.hasToken("upgrade", "websocket")) {
            throw Refusal.badRequest("Not a WebSocket upgrade: the request needs Upgrade: websocket");
        }
        if (!head.hasToken("connection", "upgrade")) {
            throw Refusal.badRequest("Not a WebSocket upgrade: the request needs Connection: Upgrade");
        }
        if (!head.values("sec-websocket-version").equals(List.of("13"))) {
            throw Refusal.unsupportedVersion();
        }
        return key(head.values("sec-websocket-key"));
    }

    private static String key(List<String> keys) throws Refusal {
        if (keys.size() != 1 || keys.getFirst().length() != 24 || !decodesTo16Bytes(keys.getFirst())) {
            throw Refusal.badRequest("Sec-WebSocket-Key must be one base64-encoded 16-byte value");
        }
        return keys.getFirst();
    }

    private static boolean decodesTo16Bytes(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
