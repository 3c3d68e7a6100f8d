package dk.sdu.im.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many exchanges are open per user: requests being held for a cold start, forwarded or answered,
 * and open WebSocket tunnels, and when the last one ended. IM/Server reads both to decide that an instance is idle
 * (no request, no tunnel, none for a while): an instance's own activity reports come every few seconds, so without
 * the second a request served just now could be followed by an idle stop. Counts disappear at zero; end times stay
 * until the user's route goes down ({@link #forget}).
 */
final class OpenConnections {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final Map<String, Long> lastEndedNanos = new ConcurrentHashMap<>();

    /** Counts an exchange for the destination until the returned lease is closed; system calls are not counted. */
    Lease track(Destination destination) {
        return switch (destination) {
            case Destination.SystemBackend system -> () -> { };
            case Destination.UserInstance user -> open(user.ucloudUsername());
        };
    }

    int count(String ucloudUsername) {
        return counts.getOrDefault(ucloudUsername, 0);
    }

    /** 0 while an exchange is open, else how long since the last one ended; {@link Long#MAX_VALUE} if none did. */
    long quietMillis(String ucloudUsername) {
        if (count(ucloudUsername) > 0) {
            return 0;
        }
        Long ended = lastEndedNanos.get(ucloudUsername);
        return ended == null ? Long.MAX_VALUE : (System.nanoTime() - ended) / 1_000_000;
    }

    void forget(String ucloudUsername) {
        lastEndedNanos.remove(ucloudUsername);
    }

    private Lease open(String user) {
        counts.merge(user, 1, Integer::sum);
        return () -> {
            lastEndedNanos.put(user, System.nanoTime());
            counts.computeIfPresent(user, (name, count) -> count == 1 ? null : count - 1);
        };
    }

    /** One counted exchange; close exactly once. */
    @FunctionalInterface
    interface Lease {
        void close();
    }
}
