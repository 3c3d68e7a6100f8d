package dk.sdu.im.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the readers of one file put a problem after which reading can go on (an unknown or duplicate key, a section
 * that failed while the others may not have): thrown at once, as start-up reads, or kept, as {@code config check}
 * reads to report every problem in one run. One instance serves one read of one configuration, on one thread.
 */
final class Problems {
    private final boolean collecting;
    private final List<ConfigException> found = new ArrayList<>();

    private Problems(boolean collecting) {
        this.collecting = collecting;
    }

    /** Stops at the first problem. */
    static Problems throwing() {
        return new Problems(false);
    }

    /** Keeps every problem and lets reading go on. */
    static Problems collecting() {
        return new Problems(true);
    }

    /** Throws {@code problem}, or keeps it when collecting. */
    void add(ConfigException problem) throws ConfigException {
        if (!collecting) {
            throw problem;
        }
        found.add(problem);
    }

    /** Reads one part; its problem is thrown, or kept and the part is then empty. */
    <T> Optional<T> attempt(Reader<T> reader) throws ConfigException {
        try {
            return Optional.of(reader.read());
        } catch (ConfigException problem) {
            add(problem);
            return Optional.empty();
        }
    }

    /** Reads one part of a file: a section, or one value. */
    interface Reader<T> {
        T read() throws ConfigException;
    }

    /** The problems kept so far, in the order found. */
    List<ConfigException> found() {
        return List.copyOf(found);
    }
}
