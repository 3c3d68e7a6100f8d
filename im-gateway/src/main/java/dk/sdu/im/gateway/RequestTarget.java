package dk.sdu.im.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The path and query of a request target, for routing decisions only; the target itself is forwarded
 * unchanged. The path is kept raw (percent-encoded); the query is split into parameters on demand.
 */
record RequestTarget(String rawPath, String rawQuery) {
    static RequestTarget of(String target) {
        String pathAndQuery = isAbsolute(target) ? afterAuthority(target) : target;
        int question = pathAndQuery.indexOf('?');
        return question < 0
                ? new RequestTarget(pathAndQuery, "")
                : new RequestTarget(pathAndQuery.substring(0, question), pathAndQuery.substring(question + 1));
    }

    static boolean isAbsolute(String target) {
        String lower = target.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
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

    private static String afterAuthority(String target) {
        int authority = target.indexOf("//") + 2;
        int slash = target.indexOf('/', authority);
        int question = target.indexOf('?', authority);
        if (slash < 0 && question < 0) {
            return "/";
        }
        if (slash < 0 || question >= 0 && question < slash) {
            return "/" + target.substring(question);
        }
        return target.substring(slash);
    }
}
