package dk.sdu.im.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;

/**
 * Log output (section {@code logging}).
 *
 * @param format {@code text} (one human-readable line per record) or {@code json} (one JSON object per
 *     line). Default: {@code text}.
 * @param level the least severe level logged: {@code SEVERE}, {@code WARNING}, {@code INFO}, {@code FINE},
 *     {@code FINER}, {@code FINEST}, or the aliases {@code ERROR} (SEVERE), {@code WARN} (WARNING),
 *     {@code DEBUG} (FINE) and {@code TRACE} (FINEST). Default: {@code INFO}.
 */
public record LoggingConfig(Format format, Level level) {
    static final Keys KEYS = Keys.of("format", "level");
    private static final Map<String, Level> LEVELS = levels();

    /** The shape of each log line. */
    public enum Format { TEXT, JSON }

    public LoggingConfig {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(level, "level");
    }

    static LoggingConfig read(YamlSection yaml) throws ConfigException {
        return new LoggingConfig(yaml.choice("format", Choices.lowerCase(Format.values()), Format.TEXT),
                yaml.choice("level", LEVELS, Level.INFO));
    }

    private static Map<String, Level> levels() {
        Map<String, Level> levels = new LinkedHashMap<>();
        for (Level level : new Level[] {Level.SEVERE, Level.WARNING, Level.INFO, Level.FINE, Level.FINER, Level.FINEST}) {
            levels.put(level.getName(), level);
        }
        levels.put("ERROR", Level.SEVERE);
        levels.put("WARN", Level.WARNING);
        levels.put("DEBUG", Level.FINE);
        levels.put("TRACE", Level.FINEST);
        return Collections.unmodifiableMap(levels);
    }
}
