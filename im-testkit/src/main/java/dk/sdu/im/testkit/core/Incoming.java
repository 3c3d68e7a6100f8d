package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request as read off the wire: nothing here is trusted yet. The body is read whatever the
 * {@code Content-Type} (Core's clients send none) and parsed leniently; a route that needs JSON asks
 * {@link #requireJson()}, which turns an empty or malformed body into a 400.
 */
record Incoming(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
                String body, JsonNode json) {

    static Incoming read(HttpExchange exchange, ObjectMapper mapper) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        return new Incoming(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                query(exchange.getRequestURI().getRawQuery()), headers(exchange), body, parse(body, mapper));
    }

    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    boolean acceptsGzip() {
        String accepted = header("accept-encoding");
        return accepted != null && accepted.toLowerCase(Locale.ROOT).contains("gzip");
    }

    JsonNode requireJson() {
        if (json == null) {
            throw CoreError.badRequest("Invalid request supplied");
        }
        return json;
    }

    RecordedRequest record(int status) {
        return new RecordedRequest(method, path, query, headers, body, json, status);
    }

    private static JsonNode parse(String body, ObjectMapper mapper) {
        if (body.isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            query.putIfAbsent(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return query;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>()).addAll(values));
        headers.replaceAll((name, values) -> List.copyOf(values));
        return headers;
    }
}
