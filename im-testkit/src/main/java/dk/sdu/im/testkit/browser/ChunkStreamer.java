package dk.sdu.im.testkit.browser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Sends a local file as {@code WEBSOCKET_V2} CHUNK frames, reading it chunk by chunk into one reused buffer
 * (never whole into memory) and waiting for each send before the next. An empty file gets one chunk with no
 * data (contract 6.2). Not thread-safe: one upload run owns it.
 */
final class ChunkStreamer {
    private final BrowserSocket socket;
    private final int chunkSize;
    private final ByteBuffer frame;
    private long bytesSent;

    ChunkStreamer(BrowserSocket socket, int chunkSize) {
        this.socket = socket;
        this.chunkSize = chunkSize;
        this.frame = ByteBuffer.allocateDirect(V2Frames.CHUNK_HEADER + chunkSize);
    }

    /**
     * Streams the whole file, or stops once {@code limit} data bytes were sent and returns false (the caller
     * then aborts the connection). True when the file was sent to its end.
     */
    boolean stream(int fileId, Path file, long limit) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long sent = 0;
            boolean first = true;
            while (sent < limit) {
                int room = (int) Math.min(chunkSize, limit - sent);
                int read = fill(in, fileId, room);
                if (read == 0 && !first) {
                    return true;
                }
                socket.sendBinary(frame.flip());
                first = false;
                sent += read;
                bytesSent += read;
                if (read < room) {
                    return true;
                }
            }
            return false;
        }
    }

    long bytesSent() {
        return bytesSent;
    }

    /** Puts the CHUNK header and up to {@code room} bytes of the file into the frame; the data bytes read. */
    private int fill(FileChannel in, int fileId, int room) throws IOException {
        frame.clear().put(V2Frames.CHUNK).putInt(fileId).limit(V2Frames.CHUNK_HEADER + room);
        int total = 0;
        while (frame.hasRemaining()) {
            int read = in.read(frame);
            if (read < 0) {
                break;
            }
            total += read;
        }
        return total;
    }
}
