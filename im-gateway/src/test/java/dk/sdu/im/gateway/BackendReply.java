package dk.sdu.im.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a {@link NamedBackend} says it received, parsed from its {@code key=value} lines. */
record BackendReply(Map<String, String> fields) {
    static BackendReply parse(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                fields.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return new BackendReply(fields);
    }

    String backend() {
        return fields.get("backend");
    }

    String get(String key) {
        return fields.get(key);
    }
}
