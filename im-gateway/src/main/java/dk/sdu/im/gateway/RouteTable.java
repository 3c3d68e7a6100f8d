package dk.sdu.im.gateway;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The routes, UCloud username to loopback ports, in a concurrent map: IM/Server changes them from its
 * own threads while connection threads read them. A lookup sees the table as it is at that moment;
 * nothing else holds on to a route, which is why a change never touches an open connection.
 */
final class RouteTable implements Routes {
    private final Map<String, Ports> ports = new ConcurrentHashMap<>();

    /** An instance's two loopback listeners: HTTP, and the socket listener (WebSocket upgrades, downloads). */
    record Ports(int http, int socket) {
        Ports {
            valid(http);
            valid(socket);
        }

        /** The port that serves a request: the socket port if it goes to the socket listener, else the HTTP one. */
        int serving(boolean socketListener) {
            return socketListener ? socket : http;
        }

        private static void valid(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1 to 65535: " + port);
            }
        }
    }

    @Override
    public void up(String ucloudUsername, int port, int socketPort) {
        ports.put(validName(ucloudUsername), new Ports(port, socketPort));
    }

    @Override
    public void down(String ucloudUsername) {
        ports.remove(validName(ucloudUsername));
    }

    @Override
    public Map<String, Integer> list() {
        Map<String, Integer> http = new java.util.HashMap<>();
        ports.forEach((user, p) -> http.put(user, p.http()));
        return Map.copyOf(http);
    }

    Optional<Ports> ports(String ucloudUsername) {
        return Optional.ofNullable(ports.get(ucloudUsername));
    }

    private static String validName(String ucloudUsername) {
        if (Objects.requireNonNull(ucloudUsername, "ucloudUsername").isEmpty()) {
            throw new IllegalArgumentException("ucloudUsername must not be empty");
        }
        return ucloudUsername;
    }
}
