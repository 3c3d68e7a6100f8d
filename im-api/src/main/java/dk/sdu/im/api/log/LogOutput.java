package dk.sdu.im.api.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Installs the process's one log handler (stderr, or a file that logrotate may move: {@link WatchedFile}) with a text
 * or JSON line format. Libraries that log through SLF4J reach it through the slf4j-jdk14 bridge. The audit trail has
 * its own destination ({@link AuditOutput}).
 */
public final class LogOutput {
    private LogOutput() {
    }

    public enum Format { TEXT, JSON }

    /**
     * Names the instance a relayed line came from (IM/Server's {@code InstanceOutput}): the JSON format writes the
     * UCloud user, the local user and the launch's pid as fields of their own, the text format has them in the message.
     */
    public record InstanceOf(String ucloudUser, String localUser, long pid) {
    }

    /**
     * Selects {@link ExitSafeLogManager}, so that lines logged while the process stops are written; to be called first
     * thing in a main class's static initializer, before anything uses java.util.logging (afterwards it changes
     * nothing). A manager named on the command line is left alone.
     */
    public static void keepOpenUntilExit() {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "dk.sdu.im.api.log.ExitSafeLogManager");
        }
    }

    /** Replaces the root handlers with one on stderr; called once by a composition root before anything else logs. */
    public static void install(Format format, Level level, String process) {
        install(format, level, process, LineSink.stderr());
    }

    /** Replaces the root handlers with one writing to {@code sink}; called once, before anything else logs. */
    public static void install(Format format, Level level, String process, LineSink sink) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        Handler handler = new LineHandler(sink, format == Format.JSON ? new JsonLines(process) : new TextLines(process));
        handler.setLevel(level);
        if (level.intValue() >= Level.INFO.intValue()) {
            handler.setFilter(LogOutput::notLibraryChatter);
        }
        root.addHandler(handler);
    }

    /** Pool and migration libraries narrate every start at INFO; an administrator needs only their warnings. */
    private static boolean notLibraryChatter(LogRecord record) {
        String logger = record.getLoggerName();
        boolean library = logger != null && (logger.startsWith("com.zaxxer.hikari") || logger.startsWith("org.flywaydb"));
        return !library || record.getLevel().intValue() >= Level.WARNING.intValue();
    }

    static String message(LogRecord record) {
        String message = record.getMessage();
        if (record.getParameters() != null && record.getParameters().length > 0
                && !(record.getParameters()[0] instanceof RequestLog.Entry)
                && !(record.getParameters()[0] instanceof InstanceOf) && message != null) {
            message = java.text.MessageFormat.format(message, record.getParameters());
        }
        return message;
    }

    static String stackTrace(Throwable thrown) {
        var out = new StringWriter();
        thrown.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    static final class TextLines extends Formatter {
        private final String process;

        TextLines(String process) {
            this.process = process;
        }

        @Override
        public String format(LogRecord record) {
            var line = new StringBuilder()
                    .append(Instant.ofEpochMilli(record.getMillis())).append(' ')
                    .append(record.getLevel().getName()).append(' ')
                    .append(process).append(' ')
                    .append(shortName(record.getLoggerName())).append(": ")
                    .append(message(record)).append('\n');
            if (record.getThrown() != null) {
                line.append(stackTrace(record.getThrown()));
            }
            return line.toString();
        }

        private static String shortName(String logger) {
            if (logger == null) {
                return "-";
            }
            int dot = logger.lastIndexOf('.');
            return dot < 0 ? logger : logger.substring(dot + 1);
        }
    }

    static final class JsonLines extends Formatter {
        private final String process;

        JsonLines(String process) {
            this.process = process;
        }

        @Override
        public String format(LogRecord record) {
            var json = new StringBuilder("{");
            field(json, "time", Instant.ofEpochMilli(record.getMillis()).toString());
            field(json, "level", record.getLevel().getName());
            field(json, "process", process);
            field(json, "logger", record.getLoggerName());
            if (record.getParameters() != null && record.getParameters().length > 0
                    && record.getParameters()[0] instanceof RequestLog.Entry entry) {
                field(json, "call", entry.call());
                field(json, "user", entry.user());
                json.append("\"status\":").append(entry.status()).append(',');
                json.append("\"ms\":").append(String.format(java.util.Locale.ROOT, "%.2f", entry.millis())).append(',');
            } else if (record.getParameters() != null && record.getParameters().length > 0
                    && record.getParameters()[0] instanceof InstanceOf instance) {
                field(json, "user", instance.ucloudUser());
                field(json, "local_user", instance.localUser());
                json.append("\"instance_pid\":").append(instance.pid()).append(',');
                field(json, "message", message(record));
            } else {
                field(json, "message", message(record));
            }
            if (record.getThrown() != null) {
                field(json, "error", stackTrace(record.getThrown()));
            }
            json.setLength(json.length() - 1);
            return json.append("}\n").toString();
        }

        private static void field(StringBuilder json, String name, String value) {
            json.append('"').append(name).append("\":");
            if (value == null) {
                json.append("null,");
                return;
            }
            json.append('"');
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> json.append("\\\"");
                    case '\\' -> json.append("\\\\");
                    case '\n' -> json.append("\\n");
                    case '\r' -> json.append("\\r");
                    case '\t' -> json.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            json.append(String.format("\\u%04x", (int) c));
                        } else {
                            json.append(c);
                        }
                    }
                }
            }
            json.append("\",");
        }
    }
}
