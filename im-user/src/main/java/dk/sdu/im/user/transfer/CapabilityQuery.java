package dk.sdu.im.user.transfer;

import dk.sdu.im.api.ApiException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The query string of a capability URL ({@code ?token=..&usernameHint=..}): percent-encoding is undone and
 * {@code +} stays {@code +}, since tokens and hints are base64. Untrusted input: a malformed escape is a 400.
 */
record CapabilityQuery(List<Map.Entry<String, String>> pairs) {
    static CapabilityQuery parse(String raw) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (!pair.isEmpty()) {
                pairs.add(Map.entry(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1))));
            }
        }
        return new CapabilityQuery(List.copyOf(pairs));
    }

    /**
     * The value of a parameter given exactly once; null when absent. Given twice, {@code ambiguous} is thrown: the
     * callers refuse it like an unknown link, so nothing is learnt from the difference.
     */
    String single(String name, Supplier<ApiException> ambiguous) {
        List<String> values = all(name);
        if (values.size() > 1) {
            throw ambiguous.get();
        }
        return values.isEmpty() ? null : values.getFirst();
    }

    /** Every value of a parameter, in order; empty when absent. For a parameter that may repeat. */
    List<String> all(String name) {
        return pairs.stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue).toList();
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Malformed query string");
        }
    }
}
