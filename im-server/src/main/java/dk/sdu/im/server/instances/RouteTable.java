package dk.sdu.im.server.instances;

/**
 * Where verified instances are announced: the embedded gateway's routes, and with {@code gateway.type: haproxy} also
 * HAProxy's routes map ({@code dk.sdu.im.server.ingress.HaproxyRoutes}). The supervisor calls {@link #up} only for an
 * instance that proved who it is (DESIGN 4.5).
 */
public interface RouteTable {
    /** Sends all the user's requests (calls, WebSocket upgrades, downloads) to loopback {@code port}. */
    void up(String ucloudUsername, int port);

    void down(String ucloudUsername);

    /**
     * 0 while the user has a request in flight or a WebSocket open, else milliseconds since the last one ended
     * ({@link Long#MAX_VALUE} if none did): an instance is idle only when this too exceeds the idle timeout. It sees
     * only what passed the embedded gateway; what HAProxy sends straight to an instance shows in the instance's own
     * activity reports.
     */
    long quietMillis(String ucloudUsername);
}
