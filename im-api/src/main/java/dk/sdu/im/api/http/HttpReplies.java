package dk.sdu.im.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.wire.Envelopes.ErrorBody;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * The HTTP heads this server writes: {@code 101 Switching Protocols}, a refusal with a JSON error body, and the
 * heads of plain endpoints' replies ({@link PlainReply}), each closing its connection.
 */
final class HttpReplies {
    private final ObjectMapper json;

    HttpReplies(ObjectMapper json) {
        this.json = json;
    }

    /** RFC 6455 4.2.2: no subprotocol and no extension is selected, so neither header is sent. */
    static byte[] switching(String acceptKey) {
        return ("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + acceptKey + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code {"statusCode":..,"why":..,"errorCode":..}} with {@code Connection: close}. */
    byte[] refusal(Refusal refusal) {
        byte[] body = body(refusal);
        var fields = new LinkedHashMap<String, String>();
        fields.put("Content-Type", "application/json; charset=utf-8");
        fields.put("Content-Length", Integer.toString(body.length));
        fields.put("Cache-Control", "no-store");
        fields.putAll(refusal.headers());
        byte[] head = closingHead(refusal.status(), fields);
        ByteArrayOutputStream reply = new ByteArrayOutputStream(head.length + body.length);
        reply.writeBytes(head);
        reply.writeBytes(body);
        return reply.toByteArray();
    }

    /**
     * A response head for a connection that closes after it: the status line, {@code fields} as given, then
     * {@code Connection: close}.
     *
     * @throws IllegalArgumentException if a field name or value holds CR or LF (it would split the head)
     */
    static byte[] closingHead(int status, SequencedMap<String, String> fields) {
        StringBuilder head = statusLine(status);
        fields.forEach((name, value) -> field(head, name, value));
        head.append("Connection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code HTTP/1.1 <status> <reason>} and its CRLF, to append the fields to. */
    static StringBuilder statusLine(int status) {
        return new StringBuilder(512).append("HTTP/1.1 ").append(status).append(' ').append(reasonPhrase(status))
                .append("\r\n");
    }

    /**
     * Appends one field line to {@code head}.
     *
     * @throws IllegalArgumentException if the name or value holds CR or LF (it would split the head)
     */
    static void field(StringBuilder head, String name, String value) {
        head.append(lineFree(name)).append(": ").append(lineFree(value)).append("\r\n");
    }

    private static String lineFree(String text) {
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a header field holds a line break");
        }
        return text;
    }

    private byte[] body(Refusal refusal) {
        try {
            return json.writeValueAsBytes(new ErrorBody(refusal.status(), refusal.why(), refusal.errorCode()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body is always serialisable", e);
        }
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 204 -> "No Content";
            case 206 -> "Partial Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 416 -> "Range Not Satisfiable";
            case 426 -> "Upgrade Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> status < 300 ? "Success" : status < 500 ? "Client Error" : "Server Error";
        };
    }
}
