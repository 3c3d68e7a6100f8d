package dk.sdu.im.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;

/**
 * Log output (section {@code logging}).
 *
 * @param format {@code text} (one human-readable line per record) or {@code json} (one JSON object per
 *     line). Default: {@code text}.
 * @param level the least severe level logged: {@code SEVERE}, {@code WARNING}, {@code INFO}, {@code FINE},
 *     {@code FINER}, {@code FINEST}, or the aliases {@code ERROR} (SEVERE), {@code WARN} (WARNING),
 *     {@code DEBUG} (FINE) and {@code TRACE} (FINEST). Default: {@code INFO}.
 * @param file where IM/Server writes its log; empty (the default) for stderr, which journald collects under
 *     systemd. A file (e.g. {@code /var/log/ucloud-im/server.log}) is reopened when logrotate moves it away.
 *     Instances always write to the pipe IM/Server reads, whatever this says.
 * @param audit where IM/Server writes the audit trail (docs/audit.md). Default: {@link Audit.Stdout}.
 */
public record LoggingConfig(Format format, Level level, Optional<Path> file, Audit audit) {
    static final Keys KEYS = Keys.of("format", "level", "file", "audit");
    private static final Map<String, Level> LEVELS = levels();

    /** The shape of each log line. */
    public enum Format { TEXT, JSON }

    /** Where the audit trail goes: one JSON object per line in every case. */
    public sealed interface Audit {
        /** {@code stdout}: IM/Server's standard output (journald's {@code ucloud-im} under systemd). */
        record Stdout() implements Audit {
        }

        /** {@code journal}: journald's stream socket, with the identifier {@code ucloud-im-audit}. */
        record Journal() implements Audit {
        }

        /** An absolute path: appended to, reopened when logrotate moves it away. */
        record File(Path path) implements Audit {
            public File {
                if (!path.isAbsolute()) {
                    throw new IllegalArgumentException("the audit file must be absolute: " + path);
                }
            }
        }
    }

    public LoggingConfig {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(audit, "audit");
    }

    /** Text or JSON at {@code level} on stderr, the audit trail on stdout. */
    public LoggingConfig(Format format, Level level) {
        this(format, level, Optional.empty(), new Audit.Stdout());
    }

    static LoggingConfig read(YamlSection yaml, Path configDirectory) throws ConfigException {
        var path = new ResolvedPath(configDirectory);
        return new LoggingConfig(yaml.choice("format", Choices.lowerCase(Format.values()), Format.TEXT),
                yaml.choice("level", LEVELS, Level.INFO),
                yaml.optionalValue("file", path),
                yaml.optionalValue("audit", text -> switch (text) {
                    case "stdout" -> new Audit.Stdout();
                    case "journal" -> new Audit.Journal();
                    default -> new Audit.File(path.parse(text));
                }).orElse(new Audit.Stdout()));
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
