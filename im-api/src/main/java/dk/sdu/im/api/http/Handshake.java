package dk.sdu.im.api.http;

import dk.sdu.im.api.ApiException;
import java.net.InetAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A request as an endpoint sees it: a valid upgrade request for a {@link SocketEndpoint}, a plain request without
 * a body for a {@link PlainEndpoint}. Everything in it came from the client.
 *
 * @param method {@code GET} for an upgrade
 * @param rawPath the request target's path as sent, still percent-encoded, without the query
 * @param rawQuery the query as sent, still percent-encoded, without the {@code ?}; null if the target has none
 * @param path {@code rawPath} percent-decoded as UTF-8 ({@code +} stays a plus)
 * @param query the query's parameters in order, decoded as browsers and Go's {@code url.ParseQuery} encode
 *     them ({@code +} is a space); a parameter without {@code =} has the empty value
 * @param headersLowerCase every header field by lower-case name, values trimmed, in the order received
 * @param peer the address the connection came from (the gateway; the browser is in {@code x-forwarded-for})
 */
public record Handshake(String method, String rawPath, String rawQuery, String path, Map<String, List<String>> query,
        Map<String, List<String>> headersLowerCase, InetAddress peer) {
    public Handshake {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(peer, "peer");
        query = copy(query);
        headersLowerCase = copy(headersLowerCase);
    }

    /**
     * The header field's value, or null if absent; a repeated field's values joined with {@code ", "}, as
     * RFC 9110 5.3 combines them.
     */
    public String header(String name) {
        List<String> values = headersLowerCase.get(name.toLowerCase(Locale.ROOT));
        return values == null ? null : String.join(", ", values);
    }

    /**
     * The query parameter's value, or null if absent.
     *
     * @throws ApiException (400) if the parameter is given more than once: which one counts would be a guess
     */
    public String query(String name) {
        List<String> values = query.get(name);
        if (values == null) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest("Query parameter " + name + " is given more than once");
        }
        return values.getFirst();
    }

    /** Every value of the query parameter, in order; empty if absent. For parameters that may repeat. */
    public List<String> queryValues(String name) {
        return query.getOrDefault(name, List.of());
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> map) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        map.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }
}
