package dk.sdu.im.ipc;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps a flood of one kind of event from flooding the log (DESIGN 4.11): the first event of a kind is logged, the
 * ones that follow within {@code window} are only counted, and when the window ends one line says how many there
 * were. A kind is a short key chosen by the caller (e.g. {@code "uid-full 1003"}); the number of kinds is bounded, and
 * past the bound every event is counted under one catch-all kind.
 *
 * <p>Thread-safe; the summary is written by the given scheduler's thread. Used by IM/Server's IPC listener and by
 * each instance's listener.
 */
public final class LogThrottle {
    private static final int MAX_KINDS = 1024;
    private static final String OTHERS = "(other kinds)";

    private final Logger log;
    private final Duration window;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public LogThrottle(Logger log, Duration window, ScheduledExecutorService scheduler) {
        this.log = log;
        this.window = window;
        this.scheduler = scheduler;
    }

    /** An open window: how many events of its kind were suppressed since its first. */
    private static final class Window {
        int suppressed;
    }

    /**
     * Logs {@code message} if it is the first of {@code kind} in the window, else counts it.
     *
     * @return whether it was logged (the first of its kind in the window)
     */
    public boolean log(Level level, String kind, Supplier<String> message) {
        String key = windows.size() >= MAX_KINDS && !windows.containsKey(kind) ? OTHERS : kind;
        boolean first = windows.compute(key, (k, open) -> {
            if (open == null) {
                return new Window();
            }
            open.suppressed++;
            return open;
        }).suppressed == 0;
        if (first) {
            log.log(level, message);
            schedule(level, key);
        }
        return first;
    }

    private void schedule(Level level, String key) {
        try {
            scheduler.schedule(() -> close(level, key), window.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            windows.remove(key); // stopping: nothing more will be said
        }
    }

    private void close(Level level, String key) {
        Window ended = windows.remove(key);
        if (ended != null && ended.suppressed > 0) {
            log.log(level, () -> ended.suppressed + " more like the last '" + key + "' in the last "
                    + window.toSeconds() + " s were not logged");
        }
    }
}
