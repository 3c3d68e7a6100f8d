package dk.sdu.im.testkit.browser;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code WEBSOCKET_V2} wire format (contract 6.2), big-endian, one opcode byte first. Client frames are
 * built here (also for raw attack frames); server frames are parsed into {@link ServerMessage}s.
 */
public final class V2Frames {
    public static final byte LISTING = 4;
    public static final byte CHUNK = 2;
    public static final byte SKIP = 3;
    public static final byte CLOSE = 6;
    public static final byte SERVER_OK = 0;
    public static final byte SERVER_SKIP = 3;
    public static final byte SERVER_COMPLETED = 5;
    /** Opcode plus {@code i32 fileId}: the bytes before a CHUNK's data. */
    public static final int CHUNK_HEADER = 5;

    private V2Frames() {
    }

    /** One LISTING frame: the opcode once, then every entry (the opcode is not repeated per entry). */
    public static ByteBuffer listing(List<ListingEntry> entries) {
        int length = 1 + entries.stream().mapToInt(ListingEntry::encodedLength).sum();
        ByteBuffer frame = ByteBuffer.allocate(length).put(LISTING);
        entries.forEach(entry -> entry.writeTo(frame));
        return frame.flip();
    }

    /** One CHUNK frame carrying {@code data} for {@code fileId}; empty data is the empty-file chunk. */
    public static ByteBuffer chunk(int fileId, byte[] data) {
        return ByteBuffer.allocate(CHUNK_HEADER + data.length).put(CHUNK).putInt(fileId).put(data).flip();
    }

    /** The client gives up on {@code fileId}. */
    public static ByteBuffer skip(int fileId) {
        return ByteBuffer.allocate(5).put(SKIP).putInt(fileId).flip();
    }

    /** The clean end of a session: the server invalidates it. */
    public static ByteBuffer close() {
        return ByteBuffer.allocate(1).put(CLOSE).flip();
    }

    /** Every message in one server frame, in order; an {@link ServerMessage.Unrecognised} one ends the list. */
    public static List<ServerMessage> parseServerFrame(ByteBuffer frame) {
        ByteBuffer in = frame.duplicate();
        List<ServerMessage> messages = new ArrayList<>();
        while (in.hasRemaining()) {
            int opcode = in.get() & 0xff;
            if (in.remaining() < 4 || !isServerOpcode(opcode)) {
                messages.add(new ServerMessage.Unrecognised(opcode, in.remaining()));
                return messages;
            }
            int value = in.getInt();
            messages.add(switch (opcode) {
                case SERVER_OK -> new ServerMessage.Ok(value);
                case SERVER_SKIP -> new ServerMessage.Skip(value);
                default -> new ServerMessage.Completed(value);
            });
        }
        return messages;
    }

    private static boolean isServerOpcode(int opcode) {
        return opcode == SERVER_OK || opcode == SERVER_SKIP || opcode == SERVER_COMPLETED;
    }
}
