package dk.sdu.im.testkit.browser;

import java.nio.ByteBuffer;

/** One thing a {@link BrowserSocket} received, in arrival order; fragmented messages arrive whole. */
public sealed interface SocketEvent {
    /** A complete binary message; the buffer is read-only and positioned at its start. */
    record Binary(ByteBuffer data) implements SocketEvent {
        public Binary {
            data = data.asReadOnlyBuffer();
        }
    }

    /** A complete text message. */
    record Text(String text) implements SocketEvent {
    }

    /** The server's close frame. */
    record Closed(CloseStatus status) implements SocketEvent {
    }

    /** The connection failed (e.g. the TCP connection ended without a close frame). */
    record Broken(Throwable error) implements SocketEvent {
    }
}
