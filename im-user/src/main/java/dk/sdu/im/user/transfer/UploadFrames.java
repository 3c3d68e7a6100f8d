package dk.sdu.im.user.transfer;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary messages of WEBSOCKET_V2 (contract 6.2), big-endian. From the browser: LISTING (4) with entries
 * {@code i32 fileId, i64 size, i64 modifiedAtMs, u32 len, utf8 relPath} up to the end of the message, CHUNK (2)
 * {@code i32 fileId} and data, SKIP (3) {@code i32 fileId}, CLOSE (6). To the browser: OK (0), SKIP (3) and
 * COMPLETED (5), each message with its own opcode, several to a frame ({@link Replies}).
 */
final class UploadFrames {
    static final int OK = 0;
    static final int CHUNK = 2;
    static final int SKIP = 3;
    static final int LISTING = 4;
    static final int COMPLETED = 5;
    static final int CLOSE = 6;
    /** A relative path longer than this is refused (Linux's PATH_MAX). */
    static final int MAX_PATH_BYTES = 4096;

    private UploadFrames() {
    }

    /** One file the browser announced. */
    record Announced(int fileId, long size, long modifiedAtMs, String relPath) {
    }

    /** Malformed input from the browser; the session closes with the message as reason. */
    static final class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }

    /** The entries of a LISTING message (its opcode already read), at most {@code max} of them. */
    static List<Announced> listing(InputStream payload, int max) throws IOException {
        var in = new DataInputStream(payload);
        List<Announced> entries = new ArrayList<>();
        while (true) {
            int first = in.read();
            if (first < 0) {
                return entries;
            }
            if (entries.size() == max) {
                throw new Malformed("a listing may announce at most " + max + " files at once");
            }
            entries.add(entry(in, first));
        }
    }

    private static Announced entry(DataInputStream in, int firstByte) throws IOException {
        try {
            int fileId = firstByte << 24 | in.readUnsignedByte() << 16 | in.readUnsignedShort();
            long size = in.readLong();
            long modifiedAt = in.readLong();
            long length = Integer.toUnsignedLong(in.readInt());
            if (size < 0) {
                throw new Malformed("file " + fileId + " has a negative size");
            }
            if (length > MAX_PATH_BYTES) {
                throw new Malformed("file " + fileId + " has a path longer than " + MAX_PATH_BYTES + " bytes");
            }
            return new Announced(fileId, size, modifiedAt, utf8(in.readNBytes((int) length), (int) length, fileId));
        } catch (EOFException e) {
            throw new Malformed("a listing entry is cut short");
        }
    }

    private static String utf8(byte[] bytes, int expected, int fileId) throws IOException {
        if (bytes.length != expected) {
            throw new Malformed("a listing entry is cut short");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Malformed("file " + fileId + " has a path that is not UTF-8");
        }
    }

    /** The i32 file id that starts CHUNK and SKIP messages. */
    static int fileId(InputStream payload) throws IOException {
        try {
            return new DataInputStream(payload).readInt();
        } catch (EOFException e) {
            throw new Malformed("a message without its file id");
        }
    }

    /** Replies collected while one browser message is handled, sent as one frame. */
    static final class Replies {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void ok(int fileId) {
            add(OK, fileId);
        }

        void skip(int fileId) {
            add(SKIP, fileId);
        }

        void completed(int count) {
            add(COMPLETED, count);
        }

        boolean isEmpty() {
            return bytes.size() == 0;
        }

        /** The frame to send, and empties this for the next message. */
        ByteBuffer take() {
            ByteBuffer frame = ByteBuffer.wrap(bytes.toByteArray());
            bytes.reset();
            return frame;
        }

        private void add(int opcode, int value) {
            bytes.write(opcode);
            bytes.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
        }
    }
}
