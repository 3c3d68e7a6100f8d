package dk.sdu.im.testkit.browser;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one {@link WebSocketV2Upload} saw. {@code ok} and {@code skipped}: file ids the server answered OK or
 * SKIP, in order. {@code completed}: the highest COMPLETED count. {@code bytesSent}: file data bytes sent in
 * CHUNK frames (headers not counted). {@code messages}: every server message. {@code serverClose}: the
 * server's close frame, if one came. {@code elapsed}: from the start of the run (the WebSocket upgrade,
 * for {@link WebSocketV2Upload#run}) to the end of the exchange, e.g. COMPLETED, before the closing handshake.
 */
public record UploadResult(List<Integer> ok, List<Integer> skipped, int completed, long bytesSent,
                           List<ServerMessage> messages, Ending ending, Optional<CloseStatus> serverClose,
                           Duration elapsed) {
    public UploadResult {
        ok = List.copyOf(ok);
        skipped = List.copyOf(skipped);
        messages = List.copyOf(messages);
    }

    public boolean isCompleted() {
        return ending instanceof Ending.Completed;
    }
}
