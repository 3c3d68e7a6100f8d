package dk.sdu.im.ipc;

/**
 * IM/Server's business logic for instance connections. Implementations contain no permission checks: the
 * {@link Permissions} table has already allowed the message for the session's peer kind.
 *
 * <p>Threading: each connection has its own (platform) thread, which makes all calls for that session, one at
 * a time and in order; calls for different sessions run concurrently.
 */
public interface InstanceHandler {

    /**
     * Answers one request. Never called with {@link InstanceToServer.Hello} (the handshake is done by the
     * transport; an exhaustive switch may simply throw for it).
     *
     * @return the reply, never {@code null} and never an unsolicited type such as
     *         {@link ServerToInstance.Shutdown} or a {@link ServerToInstance.Welcome}; to send a shutdown,
     *         reply (for example {@link ServerToInstance.Ack}) and then {@link InstanceSession#send}.
     *         Breaking this, or throwing, closes the connection and is logged as a server bug.
     */
    ServerToInstance onMessage(InstanceSession session, InstanceToServer message);

    /**
     * The session has ended, for whatever reason (the instance closed, a protocol violation, a server-side
     * {@link InstanceSession#close}, or the server stopping). Called exactly once for every session this
     * handler has seen in {@link #onMessage}, after its last {@code onMessage}, on the session's thread; never
     * for a session that ended before its first request reached the handler.
     */
    void onClose(InstanceSession session);
}
