package dk.sdu.im.api.http;

import java.io.InputStream;
import java.util.Objects;

/** One result of {@link WebSocket#read()}: a whole text message, a streamed binary message, or the end. */
public sealed interface Incoming {
    /** A text message, complete and valid UTF-8. */
    record Text(String text) implements Incoming {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A binary message whose payload is read as it arrives: {@code payload} returns the bytes of every frame
     * of the message, unmasked, then -1. It is read on the session's thread; the next {@link WebSocket#read()}
     * skips whatever was left unread, and the stream then fails. It throws an {@link java.io.IOException} if the peer breaks the protocol
     * or closes the connection in the middle of the message, or if the connection fails. Closing it only stops
     * further reads from it; the connection stays open.
     */
    record Binary(InputStream payload) implements Incoming {
        public Binary {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * The conversation is over: the close code and reason the peer sent ({@code 1005} if its close frame had no
     * code), or, if this side ended it, the code this side sent (e.g. 1002, 1007 or 1009 when the peer broke the
     * protocol, or 1001 when the server shut down). Further reads return the same value.
     */
    record Closed(int code, String reason) implements Incoming {
        public Closed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
