package dk.sdu.im.api.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The frame layer of a connection's input: reads and checks each frame header (RFC 6455 5.2, 5.5) and hands
 * out the current frame's payload, unmasked in bulk in the caller's array. Payloads are never copied here.
 *
 * <p>Not thread-safe: the connection's read lock guards it. Reads from a buffered stream, so small headers do
 * not cost a system call each.
 */
final class FrameInput {
    private static final int MAX_CONTROL_PAYLOAD = 125;

    private final InputStream in;
    private FrameHeader frame;
    private long position;

    FrameInput(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the next frame's header; the current frame's payload must have been read or skipped.
     *
     * @throws ProtocolViolation (1002) for reserved bits, a reserved opcode, an unmasked frame, a fragmented or
     *     oversized control frame, or a 64-bit length with its top bit set
     * @throws EOFException if the connection ends inside the header or before it
     */
    FrameHeader next() throws IOException {
        if (remaining() > 0) {
            throw new IllegalStateException("the previous frame's payload was not consumed");
        }
        int first = readByte();
        int second = readByte();
        if ((first & 0x70) != 0) {
            throw violation("reserved bits set without a negotiated extension");
        }
        Opcode opcode = Opcode.of(first & 0x0F);
        boolean fin = (first & 0x80) != 0;
        if ((second & 0x80) == 0) {
            throw violation("client frames must be masked");
        }
        long length = length(second & 0x7F);
        if (opcode.isControl() && (!fin || length > MAX_CONTROL_PAYLOAD)) {
            throw violation("control frames must be final and carry at most 125 bytes");
        }
        frame = new FrameHeader(fin, opcode, length, new Mask(readInt()));
        position = 0;
        return frame;
    }

    /** Payload bytes of the current frame still unread. */
    long remaining() {
        return frame == null ? 0 : frame.length() - position;
    }

    /**
     * Reads up to {@code length} bytes of the current frame's payload, unmasked; -1 at the frame's end.
     *
     * @throws EOFException if the connection ends inside the payload
     */
    int read(byte[] bytes, int offset, int length) throws IOException {
        long remaining = remaining();
        if (remaining == 0) {
            return -1;
        }
        int read = in.read(bytes, offset, (int) Math.min(length, remaining));
        if (read < 0) {
            throw new EOFException("the connection ended inside a frame");
        }
        frame.mask().apply(bytes, offset, read, position);
        position += read;
        return read;
    }

    /** Reads the rest of the current frame's payload into {@code bytes} from {@code offset}, unmasked. */
    void readFully(byte[] bytes, int offset) throws IOException {
        int at = offset;
        for (int read = read(bytes, at, bytes.length - at); read > 0; read = read(bytes, at, bytes.length - at)) {
            at += read;
        }
    }

    /** The rest of a control frame's payload (at most 125 bytes), unmasked. */
    byte[] readControlPayload() throws IOException {
        byte[] payload = new byte[(int) remaining()];
        readFully(payload, 0);
        return payload;
    }

    /** Discards the rest of the current frame's payload. */
    void skipPayload() throws IOException {
        long remaining = remaining();
        in.skipNBytes(remaining);
        position += remaining;
    }

    private long length(int shortLength) throws IOException {
        if (shortLength < 126) {
            return shortLength;
        }
        if (shortLength == 126) {
            return readByte() << 8 | readByte();
        }
        long length = (long) readInt() << 32 | readInt() & 0xFFFF_FFFFL;
        if (length < 0) {
            throw violation("a 64-bit payload length must not have its most significant bit set");
        }
        return length;
    }

    private int readInt() throws IOException {
        return readByte() << 24 | readByte() << 16 | readByte() << 8 | readByte();
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the connection ended inside a frame header");
        }
        return b;
    }

    private static ProtocolViolation violation(String message) {
        return new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, message);
    }
}
