package dk.sdu.im.gateway;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The routes, UCloud username to the loopback port of that user's instance (which serves calls, WebSocket
 * upgrades and downloads alike), in a concurrent map: IM/Server changes them from its own threads while
 * connection threads read them. A lookup sees the table as it is at that moment; nothing else holds on to a
 * route, which is why a change never touches an open connection.
 */
final class RouteTable implements Routes {
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();

    @Override
    public void up(String ucloudUsername, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535: " + port);
        }
        ports.put(validName(ucloudUsername), port);
    }

    @Override
    public void down(String ucloudUsername) {
        ports.remove(validName(ucloudUsername));
    }

    @Override
    public Map<String, Integer> list() {
        return Map.copyOf(ports);
    }

    Optional<Integer> port(String ucloudUsername) {
        return Optional.ofNullable(ports.get(ucloudUsername));
    }

    private static String validName(String ucloudUsername) {
        if (Objects.requireNonNull(ucloudUsername, "ucloudUsername").isEmpty()) {
            throw new IllegalArgumentException("ucloudUsername must not be empty");
        }
        return ucloudUsername;
    }
}
