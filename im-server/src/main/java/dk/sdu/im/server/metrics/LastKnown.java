package dk.sdu.im.server.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A figure read from something slow (the database) without making a scrape wait for it: {@link #get()} answers the
 * last value read at once and, when that is older than the period, starts one background read (never two at a time;
 * a read that fails keeps the old value). So a database that hangs delays no scrape, and a flood of scrapes reads the
 * database at most once per period. Thread-safe.
 */
public final class LastKnown<T> implements Supplier<T> {
    private final Supplier<T> read;
    private final Duration period;
    private final Clock clock;
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile T value;
    private volatile Instant readAt = Instant.MIN;

    /** @param initial answered until the first read has finished */
    public LastKnown(Supplier<T> read, T initial, Duration period, Clock clock) {
        this.read = read;
        this.value = initial;
        this.period = period;
        this.clock = clock;
    }

    @Override
    public T get() {
        if (clock.instant().isAfter(readAt.plus(period)) && reading.compareAndSet(false, true)) {
            Thread.ofVirtual().name("metrics-read").start(this::refresh);
        }
        return value;
    }

    private void refresh() {
        try {
            value = read.get();
        } catch (RuntimeException e) {
            // keep the last value; the readiness check names a database that cannot be read
        } finally {
            readAt = clock.instant();
            reading.set(false);
        }
    }
}
