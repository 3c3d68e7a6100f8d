package dk.sdu.im.server.instances;

/** Where verified instances are announced: the gateway's routes (the embedded gateway, or HAProxy later). */
public interface RouteTable {
    /** Sends all the user's requests (calls, WebSocket upgrades, downloads) to loopback {@code port}. */
    void up(String ucloudUsername, int port);

    void down(String ucloudUsername);

    /**
     * 0 while the user has a request in flight or a WebSocket open, else milliseconds since the last one ended
     * ({@link Long#MAX_VALUE} if none did): an instance is idle only when this too exceeds the idle timeout.
     */
    long quietMillis(String ucloudUsername);
}
