package dk.sdu.im.api.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request target in origin form ({@code /path?query}, RFC 9112 3.2.1), the only form the gateway sends.
 *
 * @param rawPath the path as sent
 * @param rawQuery the query as sent, without the {@code ?}; null if there is none
 * @param path the path percent-decoded
 * @param query the decoded parameters in order
 */
record RequestTarget(String rawPath, String rawQuery, String path, Map<String, List<String>> query) {
    /** @throws Refusal (400) if the target is not a path or its encoding is malformed */
    static RequestTarget parse(String target) throws Refusal {
        if (!target.startsWith("/") || target.indexOf('#') >= 0) {
            throw Refusal.badRequest("The request target must be a path");
        }
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        try {
            String path = PercentDecoding.decode(rawPath, false);
            String rawQuery = question < 0 ? null : target.substring(question + 1);
            return new RequestTarget(rawPath, rawQuery, path, rawQuery == null ? Map.of() : query(rawQuery));
        } catch (IllegalArgumentException e) {
            throw Refusal.badRequest("The request target's percent-encoding is malformed");
        }
    }

    private static Map<String, List<String>> query(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = PercentDecoding.decode(equals < 0 ? pair : pair.substring(0, equals), true);
            String value = equals < 0 ? "" : PercentDecoding.decode(pair.substring(equals + 1), true);
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }
}
