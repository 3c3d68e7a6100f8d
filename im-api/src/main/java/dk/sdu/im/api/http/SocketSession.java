package dk.sdu.im.api.http;

/**
 * Runs one accepted connection, on that connection's own virtual thread. Returning ends the connection: the
 * server sends a normal close (1000) unless the session closed already. An exception is logged (at FINE if the
 * connection had failed or timed out, else at WARNING) and closes the connection with 1011.
 */
@FunctionalInterface
public interface SocketSession {
    void run(WebSocket socket) throws Exception;
}
