package dk.sdu.im.api.http;

import java.io.IOException;

/**
 * The peer broke RFC 6455 or a limit of this server: the connection is failed with {@code code} (1002, 1007
 * or 1009). The message goes to the close frame and the FINE log, so it describes the frame, never data.
 */
final class ProtocolViolation extends IOException {
    private final int code;

    ProtocolViolation(int code, String message) {
        super(message);
        this.code = code;
    }

    int code() {
        return code;
    }
}
