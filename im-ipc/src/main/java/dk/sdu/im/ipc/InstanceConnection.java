package dk.sdu.im.ipc;

import java.util.concurrent.CompletionStage;

/**
 * An IM/User instance's connection to IM/Server, open and past its handshake. Made by
 * {@link IpcClient#connectAsInstance}.
 *
 * <p>One virtual thread reads everything the server sends: replies go to the waiting {@link #request}, pushes
 * to the listener given at connect. Anything unexpected from the server (a reply nobody asked for, a
 * malformed frame) closes the connection.
 */
public interface InstanceConnection extends AutoCloseable {

    /**
     * Sends one request and waits for its reply. Thread-safe; requests on one connection are serialized, so
     * at most one is in flight. There is no timeout: the call returns when the server answers or the
     * connection closes.
     *
     * @throws IllegalArgumentException for {@link InstanceToServer.Hello} (the handshake is done) or a
     *                                  message too large for one frame; nothing is sent
     * @throws IpcClosed                if the connection is closed or closes before the reply arrives
     */
    ServerToInstance request(InstanceToServer message);

    /**
     * Completes, with the reason, when the connection has closed for any reason. IM/User can wait on this to
     * exit when it loses IM/Server.
     */
    CompletionStage<IpcClosed> closed();

    /** Closes the connection; a waiting {@link #request} fails with {@link IpcClosed}. Idempotent. */
    @Override
    void close();
}
