package dk.sdu.im.api.log;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per served request: call name, UCloud user ("-" for system calls), status and duration. Each request is
 * also handed to the {@link Observer} (metrics), whatever the log level; the observer never sees the user.
 */
public final class RequestLog {
    static final String LOGGER = "dk.sdu.im.request";
    private final Logger logger = Logger.getLogger(LOGGER);
    private final Observer observer;

    /** Told of every request this log writes (or would write at a quieter level); must be quick and must not throw. */
    @FunctionalInterface
    public interface Observer {
        Observer NONE = (call, status, nanos) -> { };

        void served(String call, int status, long nanos);
    }

    public RequestLog() {
        this(Observer.NONE);
    }

    public RequestLog(Observer observer) {
        this.observer = java.util.Objects.requireNonNull(observer, "observer");
    }

    /** The structured content of a request line; the JSON format writes its fields separately. */
    public record Entry(String call, String user, int status, double millis) {
        String text() {
            return String.format(java.util.Locale.ROOT, "call=%s user=%s status=%d ms=%.2f", call, user, status, millis);
        }
    }

    public void request(String call, String user, int status, long nanos) {
        observer.served(call, status, nanos);
        if (!logger.isLoggable(Level.INFO)) {
            return;
        }
        var entry = new Entry(call, user, status, nanos / 1_000_000.0);
        var record = new LogRecord(Level.INFO, entry.text());
        record.setLoggerName(LOGGER);
        record.setParameters(new Object[] {entry});
        logger.log(record);
    }
}
