package dk.sdu.im.ipc;

/**
 * IM/Server's business logic for admin connections. Implementations contain no permission checks: the
 * {@link Permissions} table has already allowed the message for {@code peer}'s kind.
 *
 * <p>Threading: each connection has its own (platform) thread; calls for one connection come one at a time,
 * calls for different connections concurrently.
 */
@FunctionalInterface
public interface AdminHandler {

    /**
     * Answers one request. Never called with {@link AdminToServer.Hello} (the transport does the handshake).
     *
     * @return the reply, never {@code null} nor {@link ServerToAdmin.Welcome}; otherwise, or if this throws,
     *         the connection is closed and the failure logged
     */
    ServerToAdmin onMessage(Peer peer, AdminToServer message);
}
