package dk.sdu.im.ipc;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Reads and writes frames: {@code u32 length (big-endian) | u8 tag | payload}, with {@code length} the
 * payload size. The declared length is checked against {@link IpcProtocol#MAX_PAYLOAD_BYTES} before the tag
 * is read or any buffer allocated, so a peer cannot make us wait for or hold a large frame.
 */
final class Framing {
    static final int HEADER_BYTES = 5;

    private Framing() {
    }

    /**
     * Reads one frame.
     *
     * @return the frame, or {@code null} if the stream ended cleanly between frames
     * @throws ProtocolViolation if the declared length is too large or the stream ends inside a frame
     */
    static Frame read(DataInputStream in) throws IOException, ProtocolViolation {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        try {
            long length = ((long) first << 24 | (long) in.readUnsignedByte() << 16
                    | (long) in.readUnsignedByte() << 8 | in.readUnsignedByte());
            if (length > IpcProtocol.MAX_PAYLOAD_BYTES) {
                throw new ProtocolViolation("frame declares " + length + " payload bytes, above the limit of "
                        + IpcProtocol.MAX_PAYLOAD_BYTES);
            }
            int tag = in.readUnsignedByte();
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return new Frame(tag, payload);
        } catch (EOFException e) {
            throw new ProtocolViolation("the stream ended inside a frame", e);
        }
    }

    /**
     * Writes one frame in a single write and flushes it.
     *
     * @throws IllegalArgumentException if the payload is above the limit (a bug or an over-long list on the
     *                                  sending side; nothing is written)
     */
    static void write(OutputStream out, Frame frame) throws IOException {
        byte[] payload = frame.payload();
        checkSize(payload.length);
        ByteBuffer bytes = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        bytes.putInt(payload.length).put((byte) frame.tag()).put(payload);
        out.write(bytes.array());
        out.flush();
    }

    static void checkSize(int payloadBytes) {
        if (payloadBytes > IpcProtocol.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("message encodes to " + payloadBytes
                    + " bytes, above the IPC frame limit of " + IpcProtocol.MAX_PAYLOAD_BYTES);
        }
    }
}
