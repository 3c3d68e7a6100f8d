package dk.sdu.im.config;

import java.util.List;

/**
 * The keys a YAML mapping may contain, in the order they are documented (used when listing them in an
 * error). {@link #any()} is for mappings whose keys are data, such as user mappings and product categories.
 */
record Keys(List<String> names, boolean anyAllowed) {
    Keys {
        names = List.copyOf(names);
    }

    static Keys of(String... names) {
        return new Keys(List.of(names), false);
    }

    static Keys any() {
        return new Keys(List.of(), true);
    }

    boolean allows(String key) {
        return anyAllowed || names.contains(key);
    }
}
