package dk.sdu.im.api.http;

/**
 * Decides about one upgrade request to its path, before the 101 is sent; the request is already a valid
 * WebSocket handshake. Called on the connection's own virtual thread, possibly concurrently for several
 * connections.
 */
@FunctionalInterface
public interface SocketEndpoint {
    /**
     * The session that will run the connection.
     *
     * @throws dk.sdu.im.api.ApiException to refuse: its status, {@code why} and {@code errorCode} are sent as an
     *     HTTP reply with a JSON {@code {"statusCode":..,"why":..,"errorCode":..}} body, then the connection closes.
     *     Any other exception is logged and answered with 500.
     */
    SocketSession accept(Handshake handshake);
}
