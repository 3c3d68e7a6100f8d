package dk.sdu.im.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * The path and query of a request target (origin form, or {@code *}: see {@link RequestLine}), for routing decisions
 * only; the target itself is forwarded unchanged. The path is kept raw (percent-encoded); the query is split into
 * parameters on demand.
 */
record RequestTarget(String rawPath, String rawQuery) {
    static RequestTarget of(String target) {
        int question = target.indexOf('?');
        return question < 0
                ? new RequestTarget(target, "")
                : new RequestTarget(target.substring(0, question), target.substring(question + 1));
    }

    /** The raw (still percent-encoded) values of a query parameter, in order; the name is exact. */
    List<String> parameter(String name) {
        List<String> values = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (key.equals(name)) {
                values.add(equals < 0 ? "" : pair.substring(equals + 1));
            }
        }
        return values;
    }

    /** The path percent-decoded; empty if it cannot be decoded. */
    String path() {
        try {
            return PercentDecoding.decode(rawPath);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The path's non-empty segments, percent-decoded; empty if the path cannot be decoded. */
    List<String> segments() {
        return List.of(path().split("/")).stream().filter(s -> !s.isEmpty()).toList();
    }

}
