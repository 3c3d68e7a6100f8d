package dk.sdu.im.gateway;

import java.util.Map;

/**
 * The route table of a gateway: which loopback port serves which UCloud user. IM/Server is the only
 * caller, and it installs a route only after the instance on that port proved who it is (DESIGN 4.5).
 *
 * <p>Threading: every method may be called from any thread at any time. A change applies to requests
 * routed after it returns; requests already forwarded and open WebSocket tunnels keep their backend.
 */
public interface Routes {
    /**
     * Routes the user's requests (calls, WebSocket upgrades, downloads) to {@code 127.0.0.1:port} from now on,
     * replacing any earlier route.
     *
     * @param ucloudUsername the UCloud username as UCloud sends it (e.g. {@code alice#1234}), not empty
     * @param port a TCP port, 1 to 65535
     */
    void up(String ucloudUsername, int port);

    /** Removes the user's route, if any; the user's next request asks for a cold start again. */
    void down(String ucloudUsername);

    /** A snapshot of the routes: UCloud username to loopback port. */
    Map<String, Integer> list();
}
