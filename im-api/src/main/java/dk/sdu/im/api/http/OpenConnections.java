package dk.sdu.im.api.http;

import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every socket the server accepted and every connection past its handshake, so that shutting down closes them
 * all and {@link HttpListener#openSockets()} can be answered. Thread-safe.
 */
final class OpenConnections {
    private static final Incoming.Closed SHUTDOWN = new Incoming.Closed(CloseCodes.GOING_AWAY, "server shutting down");

    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Connection> upgraded = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Tracks a new socket; false (and the caller closes it) past {@code limit} or once the server is shutting down. */
    boolean admit(Socket socket, int limit) {
        if (sockets.size() >= limit) {
            return false;
        }
        sockets.add(socket);
        if (closed) {
            sockets.remove(socket);
            return false;
        }
        return true;
    }

    void release(Socket socket) {
        sockets.remove(socket);
    }

    /** Counts a connection from just before its 101 until its socket is closed. */
    void upgraded(Connection connection) {
        upgraded.add(connection);
        if (closed) {
            connection.abort(SHUTDOWN);
        }
    }

    void ended(Connection connection) {
        upgraded.remove(connection);
    }

    int upgradedCount() {
        return upgraded.size();
    }

    /** Sends 1001 where it can and closes every socket; sessions then see their connection end. */
    void closeAll() {
        closed = true;
        upgraded.forEach(connection -> connection.abort(SHUTDOWN));
        sockets.forEach(SocketInput::closeQuietly);
    }
}
