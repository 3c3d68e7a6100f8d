package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request FakeCore received, as seen on the wire, and the status it answered.
 *
 * @param method  the HTTP method
 * @param path    the decoded path, without the query
 * @param query   decoded query parameters in arrival order (first value of a repeated key)
 * @param headers request headers, names lower-cased
 * @param body    the raw body as UTF-8 text ({@code ""} if none)
 * @param json    the parsed body, or null if the body is empty or not JSON; {@link #json()} returns a copy
 * @param status  the status FakeCore answered with
 */
public record RecordedRequest(String method, String path, Map<String, String> query,
                              Map<String, List<String>> headers, String body, JsonNode json, int status) {
    public RecordedRequest {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        headers = Map.copyOf(headers);
        json = json == null ? null : json.deepCopy();
    }

    @Override
    public JsonNode json() {
        return json == null ? null : json.deepCopy();
    }

    /** The first value of a header (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** Whether this is {@code method} on exactly {@code path}. */
    public boolean is(String method, String path) {
        return this.method.equals(method) && this.path.equals(path);
    }
}
