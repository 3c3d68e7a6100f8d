package dk.sdu.im.ipc;

/**
 * The IPC connection is gone: the other side closed it, refused the handshake, broke the protocol, or this
 * side closed it. Nothing more can be sent on it. IM/User treats this as losing IM/Server and exits.
 *
 * <p>The message says why and is safe to log; the cause, when there is one, holds the underlying I/O error
 * or protocol violation.
 */
public final class IpcClosed extends RuntimeException {

    IpcClosed(String message) {
        super(message);
    }

    IpcClosed(String message, Throwable cause) {
        super(message, cause);
    }
}
