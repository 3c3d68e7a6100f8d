package dk.sdu.im.testkit.browser;

/** A WebSocket close frame's status code and reason (RFC 6455 section 7.4), as the peer sent it. */
public record CloseStatus(int code, String reason) {
    public CloseStatus {
        reason = reason == null ? "" : reason;
    }
}
