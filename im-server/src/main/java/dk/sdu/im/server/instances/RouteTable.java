package dk.sdu.im.server.instances;

/** Where verified instances are announced: the gateway's routes (the embedded gateway, or HAProxy later). */
public interface RouteTable {
    void up(String ucloudUsername, int port);

    void down(String ucloudUsername);

    /** Requests in flight plus open WebSockets for the user; an instance is idle only when this is 0. */
    int openConnections(String ucloudUsername);
}
