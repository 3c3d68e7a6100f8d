package dk.sdu.im.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one place that turns a {@link GatewayError} into bytes: UCloud's error body
 * {@code {"statusCode":N,"why":"...","errorCode":null}} (provider API 1.4), always with
 * {@code Connection: close}, because the gateway closes the client connection after answering itself, and with
 * {@code Strict-Transport-Security} when clients speak HTTPS.
 */
final class ErrorResponse {
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
            Map.entry(409, "Conflict"), Map.entry(414, "URI Too Long"), Map.entry(429, "Too Many Requests"), Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(449, "Retry With"), Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"),
            Map.entry(505, "HTTP Version Not Supported"));

    private ErrorResponse() {
    }

    static byte[] bytes(GatewayError error, Forwarding forwarding) {
        byte[] body = ("{\"statusCode\":" + error.status() + ",\"why\":" + jsonString(error.why())
                + ",\"errorCode\":null}").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + error.status() + " " + REASONS.getOrDefault(error.status(), "Error") + "\r\n"
                + "Content-Type: application/json; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + (forwarding.secure() ? "Strict-Transport-Security: " + Forwarding.HSTS + "\r\n" : "")
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    static String jsonString(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
