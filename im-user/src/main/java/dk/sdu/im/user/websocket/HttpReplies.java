package dk.sdu.im.user.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.wire.Envelopes.ErrorBody;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP this server writes itself: {@code 101 Switching Protocols}, or a refusal with a JSON error body; plain
 * endpoints' heads go through {@link PlainReply}, with the reason phrases from here.
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
        StringBuilder head = new StringBuilder(256)
                .append("HTTP/1.1 ").append(refusal.status()).append(' ').append(reasonPhrase(refusal.status()))
                .append("\r\nContent-Type: application/json; charset=utf-8\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Cache-Control: no-store\r\n")
                .append("Connection: close\r\n");
        refusal.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        ByteArrayOutputStream reply = new ByteArrayOutputStream(head.length() + body.length);
        reply.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        reply.writeBytes(body);
        return reply.toByteArray();
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
            case 503 -> "Service Unavailable";
            default -> status < 300 ? "Success" : status < 500 ? "Client Error" : "Server Error";
        };
    }
}
