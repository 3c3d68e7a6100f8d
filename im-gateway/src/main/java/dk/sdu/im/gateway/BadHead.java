package dk.sdu.im.gateway;

import java.io.IOException;

/**
 * A message head (request or response) the gateway will not forward. The message is for logs only;
 * clients get a fixed text chosen by the status.
 */
final class BadHead extends IOException {
    private static final long serialVersionUID = 1L;

    enum Kind {
        /** Longer than the configured maximum; 431 for a request. */
        TOO_LARGE,
        /** A request head with more header fields than the configured maximum; 431. */
        TOO_MANY_FIELDS,
        /** A request line longer than the configured maximum; 414 (RFC 9112 3: the target is what grows). */
        LINE_TOO_LONG,
        /** Not HTTP/1.x syntax; 400 for a request. */
        MALFORMED,
        /** Well-formed, but not HTTP/1.0 or HTTP/1.1; 505 for a request. */
        UNSUPPORTED_VERSION
    }

    private final Kind kind;

    BadHead(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    static BadHead malformed(String message) {
        return new BadHead(Kind.MALFORMED, message);
    }

    Kind kind() {
        return kind;
    }
}
