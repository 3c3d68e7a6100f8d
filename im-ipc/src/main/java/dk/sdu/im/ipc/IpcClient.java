package dk.sdu.im.ipc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Opens client connections to IM/Server's IPC socket. Used by IM/User (as the end user) and by the admin CLI
 * (as an administrator); needs only the JDK. Each call opens a new connection and completes the handshake
 * before it returns.
 *
 * <p>Errors: an {@link IOException} means no connection could be made (no socket file, no server, no
 * permission); an {@link IpcClosed} means the server closed or refused the connection during the handshake
 * (its message carries the server's reason, for example an unsupported version).
 */
public final class IpcClient {
    private IpcClient() {
    }

    /**
     * Connects as an IM/User instance.
     *
     * @param pushListener receives the messages the server pushes unprompted (today only
     *                     {@link ServerToInstance.Shutdown}), in order, on one dedicated virtual thread; it
     *                     may call {@link InstanceConnection#request}. Pushes the server sent just before
     *                     closing are still delivered.
     */
    public static InstanceConnection connectAsInstance(Path socket,
                                                       Consumer<? super ServerToInstance> pushListener)
            throws IOException {
        return ClientInstanceConnection.open(socket, pushListener);
    }

    /** Connects as the admin CLI. */
    public static AdminConnection connectAsAdmin(Path socket) throws IOException {
        return ClientAdminConnection.open(socket);
    }
}
