package dk.sdu.im.api.log;

import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * At most {@code perSecond} lines of one audit event a second; the rest are counted, and the count is reported once
 * the second is over: by the next event after it, or by a virtual thread that waits for its end, so a flood that
 * stops is still reported. Seconds start with the first event after a quiet spell. Thread-safe.
 */
final class Throttle {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final String event;
    private final int perSecond;
    private final LongSupplier nanoTime;
    private final LongConsumer reportSuppressed;
    private long secondStarted;
    private boolean started;
    private int written;
    private long suppressed;

    Throttle(String event, int perSecond, LongSupplier nanoTime, LongConsumer reportSuppressed) {
        this.event = event;
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.reportSuppressed = reportSuppressed;
    }

    /** Whether this occurrence is written; if not, it is counted for the report. */
    boolean admit() {
        long left;
        boolean admitted;
        boolean firstLeftOut = false;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            left = endSecondIfOver(now);
            if (!started) {
                started = true;
                secondStarted = now;
                written = 0;
            }
            admitted = written < perSecond;
            if (admitted) {
                written++;
            } else {
                firstLeftOut = suppressed++ == 0;
            }
        }
        report(left);
        if (firstLeftOut) {
            Thread.ofVirtual().name("audit-throttle-" + event).start(this::reportWhenOver);
        }
        return admitted;
    }

    /** Ends the current second if it is over: what it left out (0 for nothing), which the caller reports. */
    private long endSecondIfOver(long now) {
        if (!started || now - secondStarted < SECOND) {
            return 0;
        }
        started = false;
        long left = suppressed;
        suppressed = 0;
        return left;
    }

    private void reportWhenOver() {
        try {
            long wait;
            synchronized (this) {
                wait = secondStarted + SECOND - nanoTime.getAsLong();
            }
            Thread.sleep(Duration.ofNanos(Math.clamp(wait, Duration.ofMillis(1).toNanos(), SECOND)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long left;
        synchronized (this) {
            left = endSecondIfOver(nanoTime.getAsLong());
        }
        report(left);
    }

    private void report(long left) {
        if (left > 0) {
            reportSuppressed.accept(left);
        }
    }
}
