package dk.sdu.im.server.instances;

/** Where verified instances are announced: the gateway's routes (the embedded gateway, or HAProxy later). */
public interface RouteTable {
    /** Sends the user's HTTP requests to loopback {@code port} and WebSocket upgrades to {@code socketPort}. */
    void up(String ucloudUsername, int port, int socketPort);

    void down(String ucloudUsername);

    /** Requests in flight plus open WebSockets for the user; an instance is idle only when this is 0. */
    int openConnections(String ucloudUsername);
}
