package dk.sdu.im.server.ucloud;

import java.time.Duration;

/** Exponential backoff between retries: initial, doubled after each failure, capped. Immutable. */
public record Backoff(Duration initial, Duration max) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

    /** The delay before attempt {@code failures + 1}, after {@code failures} failed attempts (from 1). */
    public Duration delayAfter(int failures) {
        long millis = initial.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
