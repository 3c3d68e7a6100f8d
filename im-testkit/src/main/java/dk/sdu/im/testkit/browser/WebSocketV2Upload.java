package dk.sdu.im.testkit.browser;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The browser's {@code WEBSOCKET_V2} upload (contract 6.1, 6.2): opens the endpoint from {@code files/upload}
 * (http becomes ws, https wss; no other credentials), sends one LISTING naming every source (file id = its
 * position in the list), streams each file in CHUNK frames only after the server's OK for it, records OK and
 * SKIP, waits until COMPLETED counts every file, sends CLOSE (unless switched off, as the browser does), and
 * closes. Text "ping" is answered "pong". Never hangs: every wait is bounded by the options' timeout.
 */
public final class WebSocketV2Upload {
    private WebSocketV2Upload() {
    }

    /** A whole upload on a fresh connection; failures, including a refused upgrade, are in the result. */
    public static UploadResult run(String endpoint, List<UploadSource> files, UploadOptions options) {
        long start = System.nanoTime();
        BrowserSocket socket;
        try {
            socket = open(endpoint, options.timeout());
        } catch (IOException e) {
            Ending ending = BrowserSocket.endingFor(e, "the WebSocket upgrade");
            return new UploadResult(List.of(), List.of(), 0, 0, List.of(), ending, Optional.empty(),
                    Duration.ofNanos(System.nanoTime() - start));
        }
        try (socket) {
            return new UploadRun(socket, files, options, start).execute();
        }
    }

    /**
     * A whole upload over a socket already opened with {@link #open}, e.g. after a test sent raw frames on it.
     * Ends the connection when done.
     */
    public static UploadResult over(BrowserSocket socket, List<UploadSource> files, UploadOptions options) {
        return new UploadRun(socket, files, options, System.nanoTime()).execute();
    }

    /** Opens the endpoint as a browser would and answers text "ping"; for raw frames in attack tests. */
    public static BrowserSocket open(String endpoint, Duration timeout) throws IOException {
        return BrowserSocket.open(BrowserSocket.webSocketUri(endpoint), Map.of(), timeout, true);
    }
}
