package dk.sdu.im.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The documented spellings of enum values in the configuration file, in declaration order. */
final class Choices {
    private Choices() {
    }

    /** {@code PERIODIC_DAY -> "periodic_day"}, for settings documented in lower case. */
    static <E extends Enum<E>> Map<String, E> lowerCase(E[] values) {
        Map<String, E> choices = new LinkedHashMap<>();
        for (E value : values) {
            choices.put(value.name().toLowerCase(Locale.ROOT), value);
        }
        return Collections.unmodifiableMap(choices);
    }

    /** {@code PERIODIC_DAY -> "PERIODIC_DAY"}, for settings documented in upper case. */
    static <E extends Enum<E>> Map<String, E> upperCase(E[] values) {
        Map<String, E> choices = new LinkedHashMap<>();
        for (E value : values) {
            choices.put(value.name(), value);
        }
        return Collections.unmodifiableMap(choices);
    }
}
