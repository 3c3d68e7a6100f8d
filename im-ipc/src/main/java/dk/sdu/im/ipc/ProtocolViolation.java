package dk.sdu.im.ipc;

/**
 * The peer broke the protocol: unknown tag, malformed or oversized frame, unknown or missing field, a message
 * out of place or not allowed for the peer. Checked, and never passed to a handler: whoever catches it logs
 * it with the peer and closes the connection. Its message is for the log of the side that detected it.
 */
final class ProtocolViolation extends Exception {

    ProtocolViolation(String message) {
        super(message);
    }

    ProtocolViolation(String message, Throwable cause) {
        super(message, cause);
    }
}
