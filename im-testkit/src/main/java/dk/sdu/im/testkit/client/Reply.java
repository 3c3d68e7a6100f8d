package dk.sdu.im.testkit.client;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A provider's reply, body already gzip-decoded. Header names are matched case-insensitively; the
 * original {@code Content-Encoding} header is kept so a test can see that the reply was compressed.
 */
public record Reply(int status, Map<String, List<String>> headers, String body) {
    /** Read-only use only; never reconfigured. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public Reply {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.computeIfAbsent(name, key -> new ArrayList<>()).addAll(values));
        copy.replaceAll((name, values) -> List.copyOf(values));
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? "" : body;
    }

    /** The body as JSON; an {@link AssertionError} naming status and body if it is not JSON. */
    public JsonNode json() {
        try {
            JsonNode node = body.isBlank() ? null : JSON.readTree(body);
            if (node == null) {
                throw new AssertionError("reply has no JSON body (status " + status + ")");
            }
            return node;
        } catch (JacksonException e) {
            throw new AssertionError("reply is not JSON (status " + status + "): " + abbreviated(), e);
        }
    }

    /** The {@code why} of an error body, or null if there is none or the body is not JSON. */
    public String why() {
        try {
            JsonNode why = JSON.readTree(body).path("why");
            return why.isTextual() ? why.asText() : null;
        } catch (JacksonException | RuntimeException e) {
            return null;
        }
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    public boolean isSuccess() {
        return status >= 200 && status <= 299;
    }

    private String abbreviated() {
        return body.length() <= 500 ? body : body.substring(0, 500) + "...";
    }
}
