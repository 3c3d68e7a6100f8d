package dk.sdu.im.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The request log's lines ({@code dk.sdu.im.request}) while open, for tests that wait for them. Lines are kept,
 * never consumed: each is written after its reply was sent, so two requests answered one after the other may
 * log in either order, and waiting for one line must not throw away the other.
 */
final class RequestLogLines extends Handler implements AutoCloseable {
    /** Only stops a broken test; a passing one never waits this long. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Held here: java.util.logging keeps loggers weakly, and a collected one would come back without this handler. */
    private final Logger requestLog = Logger.getLogger("dk.sdu.im.request");
    private final List<String> lines = new ArrayList<>();

    RequestLogLines() {
        requestLog.addHandler(this);
    }

    /** The first line logged since this was opened that starts with {@code prefix}, waiting for it if need be. */
    synchronized String await(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (String line : lines) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no request log line starting with \"" + prefix + "\" in " + lines);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    @Override
    public synchronized void publish(LogRecord record) {
        lines.add(record.getMessage());
        notifyAll();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        requestLog.removeHandler(this);
    }
}
