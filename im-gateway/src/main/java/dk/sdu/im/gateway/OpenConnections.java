package dk.sdu.im.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many exchanges are open per user: requests being held for a cold start, forwarded or answered,
 * and open WebSocket tunnels. IM/Server reads it to decide that an instance is idle (no request, no
 * tunnel). Entries disappear at zero, so the map holds only users with open connections.
 */
final class OpenConnections {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

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

    private Lease open(String user) {
        counts.merge(user, 1, Integer::sum);
        return () -> counts.computeIfPresent(user, (name, count) -> count == 1 ? null : count - 1);
    }

    /** One counted exchange; close exactly once. */
    @FunctionalInterface
    interface Lease {
        void close();
    }
}
