package dk.sdu.im.testkit.browser;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link WebSocketV2Upload} behaves. {@code chunkSize}: data bytes per CHUNK frame (the browser uses up
 * to 16 MiB). {@code sendClose}: send the CLOSE opcode after COMPLETED (the browser does not; it only closes
 * the socket). {@code timeout}: bounds the upgrade, each send and each wait for a server message.
 * {@code abort}: cut the connection after that many data bytes of that file.
 */
public record UploadOptions(int chunkSize, boolean sendClose, Duration timeout, Optional<Abort> abort) {
    public static final int DEFAULT_CHUNK_SIZE = 16 * 1024 * 1024;

    /** Close the TCP connection abruptly once {@code afterBytes} of file {@code fileId} were sent. */
    public record Abort(int fileId, long afterBytes) {
    }

    public UploadOptions {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive: " + chunkSize);
        }
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(abort, "abort");
    }

    /** 16 MiB chunks, CLOSE sent, 30 s timeout, no abort. */
    public static UploadOptions defaults() {
        return new UploadOptions(DEFAULT_CHUNK_SIZE, true, Duration.ofSeconds(30), Optional.empty());
    }

    public UploadOptions withChunkSize(int chunkSize) {
        return new UploadOptions(chunkSize, sendClose, timeout, abort);
    }

    /** {@code false} behaves like the browser: no CLOSE opcode, just a WebSocket close. */
    public UploadOptions withSendClose(boolean sendClose) {
        return new UploadOptions(chunkSize, sendClose, timeout, abort);
    }

    public UploadOptions withTimeout(Duration timeout) {
        return new UploadOptions(chunkSize, sendClose, timeout, abort);
    }

    public UploadOptions withAbort(int fileId, long afterBytes) {
        return new UploadOptions(chunkSize, sendClose, timeout, Optional.of(new Abort(fileId, afterBytes)));
    }
}
