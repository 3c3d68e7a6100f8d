package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What FakeCore answers: always a JSON body with {@code Content-Type: application/json; charset=utf-8}
 * (contract 1.3), gzip-compressed when the request advertised {@code Accept-Encoding: gzip} as Core's Go
 * server does. Errors are {@code {"statusCode":N,"why":"...","errorCode":null}}.
 */
record JsonReply(int status, JsonNode body) {
    static JsonReply ok(JsonNode body) {
        return new JsonReply(200, body);
    }

    static JsonReply error(int status, String why) {
        ObjectNode body = Fields.object();
        body.put("statusCode", status);
        body.put("why", why);
        body.putNull("errorCode");
        return new JsonReply(status, body);
    }

    void write(HttpExchange exchange, boolean gzip, ObjectMapper mapper) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        if (gzip) {
            bytes = gzip(bytes);
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(buffer)) {
            out.write(plain);
        }
        return buffer.toByteArray();
    }
}
