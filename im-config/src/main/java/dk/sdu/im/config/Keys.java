package dk.sdu.im.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys a YAML mapping may contain, in the order they are documented (used when listing them in an
 * error). {@link #any()} is for mappings whose keys are data, such as user mappings and product categories.
 */
record Keys(List<String> names, boolean anyAllowed, Map<String, String> retired) {
    Keys {
        names = List.copyOf(names);
        retired = Map.copyOf(retired);
    }

    static Keys of(String... names) {
        return new Keys(List.of(names), false, Map.of());
    }

    static Keys any() {
        return new Keys(List.of(), true, Map.of());
    }

    /** These keys plus one that no longer exists: writing it is an error that says {@code why} (what replaced it). */
    Keys retired(String key, String why) {
        var more = new java.util.HashMap<>(retired);
        more.put(key, why);
        return new Keys(names, anyAllowed, more);
    }

    /** Why {@code key} is no longer accepted, if it is a retired key. */
    Optional<String> whyRetired(String key) {
        return Optional.ofNullable(retired.get(key));
    }

    boolean allows(String key) {
        return anyAllowed || names.contains(key);
    }
}
