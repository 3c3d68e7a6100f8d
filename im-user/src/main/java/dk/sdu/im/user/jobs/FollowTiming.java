package dk.sdu.im.user.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * How a follow paces itself.
 *
 * @param pollEvery how often the job's files are looked at for new bytes
 * @param statusEvery how often the scheduler is asked whether the job is over (each time runs a scheduler command)
 * @param keepAliveEvery the longest silence towards Core; the gateway closes a tunnel that stays silent too long
 * @param longest how long one follow may last in all; then it is ended (Core may open another)
 * @param chunkBytes the most file bytes one frame carries, and the most one follow holds per file
 */
record FollowTiming(Duration pollEvery, Duration statusEvery, Duration keepAliveEvery, Duration longest,
                    int chunkBytes) {
    /** A quarter second, 2 s, 30 s (as Go's IM pings), 7 days and 64 KiB. */
    static final FollowTiming DEFAULT = new FollowTiming(Duration.ofMillis(250), Duration.ofSeconds(2),
            Duration.ofSeconds(30), Duration.ofDays(7), 64 * 1024);

    FollowTiming {
        for (Duration duration : new Duration[] {pollEvery, statusEvery, keepAliveEvery, longest}) {
            if (Objects.requireNonNull(duration).toMillis() < 1) {
                throw new IllegalArgumentException("follow intervals must be at least 1 ms: " + duration);
            }
        }
        if (longest.compareTo(Duration.ofDays(20)) > 0) {
            throw new IllegalArgumentException("a follow may last 20 days at the most (a socket's read timeout): " + longest);
        }
        if (chunkBytes < 16) {
            throw new IllegalArgumentException("a chunk must hold at least 16 bytes: " + chunkBytes);
        }
    }
}
