package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * User connections per provider (contract 4.3). Approving connects a user; clearing disconnects them. A
 * user is in at most one of the two sets: the latest call wins. Thread-safe (monitor).
 */
final class Connections {
    private final Map<String, Set<String>> approved = new HashMap<>();
    private final Map<String, Set<String>> cleared = new HashMap<>();

    synchronized JsonNode approve(String provider, JsonNode body) {
        String username = Fields.requireText(Fields.requireObject(body, "request"), "username");
        set(approved, provider).add(username);
        set(cleared, provider).remove(username);
        return Fields.object();
    }

    synchronized JsonNode clear(String provider, JsonNode body) {
        String username = Fields.requireText(Fields.requireObject(body, "request"), "username");
        set(cleared, provider).add(username);
        set(approved, provider).remove(username);
        return Fields.object();
    }

    synchronized Set<String> approved(String provider) {
        return Set.copyOf(set(approved, provider));
    }

    synchronized Set<String> cleared(String provider) {
        return Set.copyOf(set(cleared, provider));
    }

    private static Set<String> set(Map<String, Set<String>> map, String provider) {
        return map.computeIfAbsent(provider, key -> new LinkedHashSet<>());
    }
}
