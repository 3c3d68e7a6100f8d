package dk.sdu.im.testkit.browser;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One file in a {@code WEBSOCKET_V2} LISTING (contract 6.2): {@code i32 fileId, i64 size, i64 modifiedAtMs,
 * u32 len, utf8 relPath}, big-endian. {@code relPath} is relative to the upload's {@code id}; {@code ""} for a
 * single FILE upload.
 */
public record ListingEntry(int fileId, long size, long modifiedAtMs, String relPath) {
    public ListingEntry {
        Objects.requireNonNull(relPath, "relPath");
    }

    /** The bytes this entry takes in a LISTING frame. */
    int encodedLength() {
        return 4 + 8 + 8 + 4 + relPath.getBytes(StandardCharsets.UTF_8).length;
    }

    void writeTo(ByteBuffer frame) {
        byte[] path = relPath.getBytes(StandardCharsets.UTF_8);
        frame.putInt(fileId).putLong(size).putLong(modifiedAtMs).putInt(path.length).put(path);
    }
}
