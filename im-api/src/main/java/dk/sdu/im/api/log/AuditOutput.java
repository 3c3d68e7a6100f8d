package dk.sdu.im.api.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Gives the audit logger ({@value Audit#LOGGER}) its own destination, apart from the process's log, and writes each
 * record as one JSON object per line: {@code time}, {@code event}, {@code process}, then the event's fields
 * (docs/audit.md). JSON rather than logfmt because reasons are free text (quotes, spaces, a peer's bytes), which JSON
 * escapes one way everyone parses ({@code jq}, journald's viewers, a SIEM's JSON input), and a line can never be read
 * as two events.
 *
 * <p>Nothing secret reaches a line: every text value is cleaned of the given secrets (the refresh token, the database
 * password), of anything shaped like a JWT or a bearer credential, and of any run of 40 or more base64url characters,
 * whatever a caller passed in.
 */
public final class AuditOutput {
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]*)?");
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+\\S+");
    private static final Pattern LONG_RUN = Pattern.compile("[A-Za-z0-9_+-]{40,}={0,2}");
    /** Shorter "secrets" (an empty password) would blank out ordinary words. */
    private static final int MIN_SECRET_LENGTH = 8;

    private AuditOutput() {
    }

    /**
     * Sends the audit logger's records to {@code sink} only (never to the process's log), replacing any earlier
     * destination. Called once by IM/Server's composition root; tests close the returned handler.
     */
    public static Handler install(LineSink sink, String process, Collection<String> secrets) {
        Logger logger = Logger.getLogger(Audit.LOGGER);
        for (Handler old : logger.getHandlers()) {
            logger.removeHandler(old);
            old.close();
        }
        Handler handler = new LineHandler(sink, new AuditLines(process, secrets));
        handler.setLevel(Level.ALL);
        logger.setLevel(Level.INFO);
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
        return handler;
    }

    static final class AuditLines extends Formatter {
        private final ObjectMapper mapper = new ObjectMapper();
        private final String process;
        private final List<String> secrets;

        AuditLines(String process, Collection<String> secrets) {
            this.process = process;
            this.secrets = secrets.stream().filter(s -> s != null && s.length() >= MIN_SECRET_LENGTH).toList();
        }

        @Override
        public String format(LogRecord record) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("time", Instant.ofEpochMilli(record.getMillis()).toString());
            line.put("event", clean(record.getMessage()));
            line.put("process", process);
            if (record.getParameters() != null && record.getParameters().length == 1
                    && record.getParameters()[0] instanceof Map<?, ?> fields) {
                fields.forEach((name, value) -> line.put(clean(String.valueOf(name)), value(value)));
            }
            try {
                return mapper.writeValueAsString(line) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an audit line of texts and numbers always serializes", e);
            }
        }

        private Object value(Object value) {
            return value == null || value instanceof Number || value instanceof Boolean ? value : clean(value.toString());
        }

        String clean(String text) {
            String cleaned = text;
            for (String secret : secrets) {
                cleaned = cleaned.replace(secret, "[secret]");
            }
            cleaned = JWT.matcher(cleaned).replaceAll("[token]");
            cleaned = BEARER.matcher(cleaned).replaceAll("Bearer [token]");
            return LONG_RUN.matcher(cleaned).replaceAll("[redacted]");
        }
    }
}
