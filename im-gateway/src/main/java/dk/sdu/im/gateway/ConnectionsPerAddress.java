package dk.sdu.im.gateway;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many client connections each client IP address has open, so that one address (one attacker, one broken client)
 * cannot take every connection slot: a connection beyond {@code max} is refused at accept. Counts disappear at zero,
 * so the map holds only addresses with an open connection.
 */
final class ConnectionsPerAddress {
    private final Map<InetAddress, Integer> counts = new ConcurrentHashMap<>();
    private final int max;

    ConnectionsPerAddress(int max) {
        this.max = max;
    }

    /** Counts a connection from {@code address} unless it has {@code max} open already; whether it was counted. */
    boolean tryOpen(InetAddress address) {
        boolean[] admitted = {false};
        counts.compute(address, (a, count) -> {
            int open = count == null ? 0 : count;
            admitted[0] = open < max;
            return admitted[0] ? open + 1 : open;
        });
        return admitted[0];
    }

    /** Ends a connection that {@link #tryOpen} counted. */
    void closed(InetAddress address) {
        counts.computeIfPresent(address, (a, count) -> count == 1 ? null : count - 1);
    }

    int open(InetAddress address) {
        return counts.getOrDefault(address, 0);
    }
}
