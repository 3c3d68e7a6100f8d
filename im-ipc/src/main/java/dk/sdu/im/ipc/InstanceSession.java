package dk.sdu.im.ipc;

/**
 * One IM/User instance's open connection, as IM/Server's {@link InstanceHandler} sees it. It exists from the
 * instance's {@code Welcome} until {@link InstanceHandler#onClose}; its identity can key IM/Server's maps.
 */
public interface InstanceSession {

    /** The kernel-reported credentials of the instance, read when the connection was accepted. */
    Peer peer();

    /**
     * Pushes an unsolicited message to the instance; today {@link ServerToInstance.Shutdown}
     * and {@link ServerToInstance.CancelTask}.
     * Thread-safe: may be called from any thread at any time, and is ordered with the connection's replies.
     * Blocks while the instance does not read and its socket buffer is full.
     *
     * @throws IllegalArgumentException if {@code message} is a reply type (it would be taken as the answer to
     *                                  the instance's next request)
     * @throws IpcClosed                if the connection is already closed
     */
    void send(ServerToInstance message);

    /** Closes the connection; {@link InstanceHandler#onClose} follows on the connection's thread. Idempotent. */
    void close();
}
