package dk.sdu.im.ipc;

/**
 * The IPC connection is gone: the other side closed it, refused the handshake, broke the protocol, or this
 * side closed it. Nothing more can be sent on it. IM/User treats this as losing IM/Server and exits.
 *
 * <p>The message says why and is safe to log; the cause, when there is one, holds the underlying I/O error
 * or protocol violation.
 */
public final class IpcClosed extends RuntimeException {
    private final boolean refused;

    IpcClosed(String message) {
        this(message, null, false);
    }

    IpcClosed(String message, Throwable cause) {
        this(message, cause, false);
    }

    IpcClosed(String message, Throwable cause, boolean refused) {
        super(message, cause);
        this.refused = refused;
    }

    /** Whether the server refused this peer at the handshake with a reason (for example: not an administrator). */
    public boolean refused() {
        return refused;
    }
}
