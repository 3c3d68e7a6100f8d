package dk.sdu.im.ipc;

/**
 * The admin CLI's connection to IM/Server, open and past its handshake. Made by
 * {@link IpcClient#connectAsAdmin}. The server never pushes on it.
 */
public interface AdminConnection extends AutoCloseable {

    /**
     * Sends one request and waits for its reply. Thread-safe; requests are serialized. A request the server's
     * permission table does not allow for this user is answered with {@link ServerToAdmin.Refused} and the
     * server then closes the connection.
     *
     * @throws IllegalArgumentException for {@link AdminToServer.Hello} or a message too large for one frame
     * @throws IpcClosed                if the connection is closed or closes before the reply arrives
     */
    ServerToAdmin request(AdminToServer message);

    /** Closes the connection. Idempotent. */
    @Override
    void close();
}
