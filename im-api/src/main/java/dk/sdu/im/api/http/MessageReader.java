package dk.sdu.im.api.http;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;

/**
 * The message layer of a connection's input (RFC 6455 5.4-5.6): reassembles fragmented text messages and
 * checks them (UTF-8, size), streams binary messages frame by frame without buffering them, answers control
 * frames arriving between fragments, and reads the peer's close frame.
 *
 * <p>Not thread-safe: the connection calls it under its read lock. Violations are thrown as
 * {@link ProtocolViolation}; the connection sends the close frame.
 */
final class MessageReader {
    /** What the reader asks of its connection when a control frame arrives, and what it tells it of the others. */
    interface ControlReplies {
        void ping(byte[] payload) throws IOException;

        /** A pong arrived (the answer to a keep-alive ping); it does not count as activity. */
        void pong();

        /** A frame other than a pong arrived: the peer is active. */
        void frameArrived();

        /** The peer's close frame arrived and was checked; answer it and close the connection. */
        void closeReceived(Incoming.Closed close);
    }

    private final FrameInput frames;
    private final HttpListener.Settings limits;
    private final ControlReplies replies;
    private final BinaryPayload.Source payloadSource;
    private BinaryPayload streaming;
    private FrameHeader streamingFrame;
    private long streamedBytes;
    private Incoming.Closed peerClose;

    MessageReader(FrameInput frames, HttpListener.Settings limits, ControlReplies replies,
            BinaryPayload.Source payloadSource) {
        this.frames = frames;
        this.limits = limits;
        this.replies = replies;
        this.payloadSource = payloadSource;
    }

    /** The next data message, or the peer's close; skips the rest of a binary message still streaming. */
    Incoming next() throws IOException {
        if (peerClose == null) {
            skipStreaming();
        }
        if (peerClose != null) {
            return peerClose;
        }
        FrameHeader first = nextDataFrame();
        if (first == null) {
            return peerClose;
        }
        return switch (first.opcode()) {
            case TEXT -> text(first);
            case BINARY -> binary(first);
            default -> throw violation("a continuation frame without a message to continue");
        };
    }

    /** Reads the binary message being streamed, for its {@link BinaryPayload}; -1 at the message's end. */
    int readBinary(BinaryPayload stream, byte[] bytes, int offset, int length) throws IOException {
        if (stream != streaming) {
            throw new IOException(peerClose != null ? "the connection was closed" : "the message was skipped");
        }
        while (true) {
            int read = frames.read(bytes, offset, length);
            if (read >= 0) {
                return read;
            }
            if (streamingFrame.fin()) {
                streaming = null;
                return -1;
            }
            if (!nextBinaryFragment()) {
                streaming = null;
                throw new IOException("the peer closed the connection in the middle of a binary message");
            }
        }
    }

    /** Reads a text message's frames into one array that grows by doubling, so many small fragments stay cheap. */
    private Incoming text(FrameHeader first) throws IOException {
        int limit = limits.maxTextMessageBytes();
        byte[] text = new byte[0];
        int size = 0;
        for (FrameHeader frame = first; ; frame = continuation()) {
            if (frame == null) {
                return peerClose;
            }
            if (frame.length() > limit - size) {
                throw new ProtocolViolation(CloseCodes.TOO_BIG, "a text message is larger than " + limit + " bytes");
            }
            int needed = size + (int) frame.length();
            if (needed > text.length) {
                text = Arrays.copyOf(text, (int) Math.min(limit, Math.max(needed, 2L * text.length)));
            }
            frames.readFully(text, size);
            size = needed;
            if (frame.fin()) {
                return decoded(text, size);
            }
        }
    }

    private static Incoming.Text decoded(byte[] text, int size) throws ProtocolViolation {
        try {
            return new Incoming.Text(StrictUtf8.decode(text, 0, size));
        } catch (CharacterCodingException e) {
            throw new ProtocolViolation(CloseCodes.INVALID_PAYLOAD, "a text message is not valid UTF-8");
        }
    }

    private Incoming binary(FrameHeader first) throws ProtocolViolation {
        streamedBytes = 0;
        startBinaryFragment(first);
        streaming = new BinaryPayload(payloadSource);
        return new Incoming.Binary(streaming);
    }

    private void skipStreaming() throws IOException {
        if (streaming == null) {
            return;
        }
        streaming = null;
        frames.skipPayload();
        while (!streamingFrame.fin() && nextBinaryFragment()) {
            frames.skipPayload();
        }
    }

    /** Moves to the binary message's next frame; false if the peer closed instead. */
    private boolean nextBinaryFragment() throws IOException {
        FrameHeader next = continuation();
        if (next == null) {
            return false;
        }
        startBinaryFragment(next);
        return true;
    }

    private void startBinaryFragment(FrameHeader frame) throws ProtocolViolation {
        if (frame.length() > limits.maxBinaryMessageBytes() - streamedBytes) {
            throw new ProtocolViolation(CloseCodes.TOO_BIG,
                    "a binary message is larger than " + limits.maxBinaryMessageBytes() + " bytes");
        }
        streamedBytes += frame.length();
        streamingFrame = frame;
    }

    /** The next frame of a fragmented message; null if the peer closed instead. */
    private FrameHeader continuation() throws IOException {
        FrameHeader frame = nextDataFrame();
        if (frame != null && frame.opcode() != Opcode.CONTINUATION) {
            throw violation("a new message began before the previous one ended");
        }
        return frame;
    }

    /** The next data frame, after answering the control frames before it; null once the peer's close arrived. */
    private FrameHeader nextDataFrame() throws IOException {
        while (true) {
            FrameHeader frame = frames.next();
            if (frame.opcode() != Opcode.PONG) {
                replies.frameArrived();
            }
            switch (frame.opcode()) {
                case PING -> replies.ping(frames.readControlPayload());
                case PONG -> {
                    frames.skipPayload();
                    replies.pong();
                }
                case CLOSE -> {
                    peerClose = CloseFrames.parse(frames.readControlPayload());
                    replies.closeReceived(peerClose);
                    return null;
                }
                case TEXT, BINARY, CONTINUATION -> {
                    limits.onActivity().run();
                    return frame;
                }
            }
        }
    }

    private static ProtocolViolation violation(String message) {
        return new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, message);
    }
}
