package dk.sdu.im.testkit.browser;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A browser's WebSocket: the JDK client plus a queue of everything received ({@link #next}) and sends that
 * wait for completion, one at a time ({@link Sender}). With {@code answerPing}, a text "ping" is answered with
 * a text "pong" as the {@code WEBSOCKET_V2} server expects (contract 6.2); the ping is still queued.
 *
 * <p>Also the raw hook for attack tests: send any frame, watch what comes back, cut the connection.
 * Thread-safe for sending; {@link #next} is meant for one consuming thread. Close it to release the client.
 */
public final class BrowserSocket implements AutoCloseable {
    private final HttpClient http;
    private final WebSocket socket;
    private final Inbox inbox;
    private final Sender sender;
    private final Duration timeout;

    private BrowserSocket(HttpClient http, WebSocket socket, Inbox inbox, Sender sender, Duration timeout) {
        this.http = http;
        this.socket = socket;
        this.inbox = inbox;
        this.sender = sender;
        this.timeout = timeout;
    }

    /**
     * Opens {@code uri} (ws or wss) with these extra upgrade headers. A refused upgrade throws the JDK's
     * {@link WebSocketHandshakeException} (see {@link #endingFor}); no answer within {@code timeout} throws
     * {@link HttpTimeoutException}.
     */
    public static BrowserSocket open(URI uri, Map<String, String> headers, Duration timeout, boolean answerPing)
            throws IOException {
        Objects.requireNonNull(timeout, "timeout");
        Sender sender = new Sender(timeout);
        Inbox inbox = new Inbox((socket, text) -> {
            if (answerPing && text.equals("ping")) {
                Thread.ofVirtual().start(() -> pong(sender, socket));
            }
        });
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(timeout);
        headers.forEach(builder::header);
        try {
            WebSocket socket = builder.buildAsync(uri, inbox).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new BrowserSocket(http, socket, inbox, sender, timeout);
        } catch (ExecutionException e) {
            http.close();
            throw e.getCause() instanceof IOException io ? io : new IOException("cannot open " + uri, e.getCause());
        } catch (TimeoutException e) {
            http.close();
            throw new HttpTimeoutException("no WebSocket upgrade from " + uri + " within " + timeout);
        } catch (InterruptedException e) {
            http.close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while opening " + uri);
        }
    }

    /** Sends one binary message (one frame) and waits until the JDK has written it. */
    public void sendBinary(ByteBuffer data) throws IOException {
        sender.send(socket, ws -> ws.sendBinary(data, true));
    }

    /** Sends one text message and waits until the JDK has written it. */
    public void sendText(String text) throws IOException {
        sender.send(socket, ws -> ws.sendText(text, true));
    }

    /** The next thing received, or empty if nothing arrived within {@code wait}. */
    public Optional<SocketEvent> next(Duration wait) throws InterruptedException {
        return inbox.next(wait);
    }

    /** Sends a close frame with this code and reason (the browser's {@code ws.close()}); errors are ignored. */
    public void closeNormally(int code, String reason) {
        try {
            sender.send(socket, ws -> ws.sendClose(code, reason));
        } catch (IOException e) {
            socket.abort();
        }
    }

    /**
     * Waits up to {@code wait} for the server's close frame, discarding any other message; empty if it did
     * not come (or the connection broke first).
     */
    public Optional<CloseStatus> awaitServerClose(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (long left = wait.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            Optional<SocketEvent> event = inbox.next(Duration.ofNanos(left));
            if (event.isEmpty() || event.get() instanceof SocketEvent.Broken) {
                return Optional.empty();
            }
            if (event.get() instanceof SocketEvent.Closed closed) {
                return Optional.of(closed.status());
            }
        }
        return Optional.empty();
    }

    /** Cuts the TCP connection at once, without a close frame. */
    public void abort() {
        socket.abort();
    }

    /** The timeout this socket was opened with; every send is bounded by it. */
    public Duration timeout() {
        return timeout;
    }

    /** Sends a normal close frame unless one was sent already (by us, or by the JDK answering the server's). */
    public void closeIfOpen() {
        if (!socket.isOutputClosed()) {
            closeNormally(WebSocket.NORMAL_CLOSURE, "");
        }
    }

    /** Closes normally if still open (without waiting for the server), then releases the connection. */
    @Override
    public void close() {
        closeIfOpen();
        socket.abort();
        http.close();
    }

    /**
     * The {@link Ending} for a failure while opening or talking: a refused upgrade is {@link Ending.Refused}
     * with its status, a timeout is {@link Ending.TimedOut}, anything else {@link Ending.Failed}.
     */
    static Ending endingFor(Throwable failure, String waitingFor) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebSocketHandshakeException refused) {
                return new Ending.Refused(refused.getResponse().statusCode());
            }
            if (cause instanceof HttpTimeoutException) {
                return new Ending.TimedOut(waitingFor);
            }
        }
        return new Ending.Failed(failure.toString());
    }

    /** {@code http(s)://...} as {@code ws(s)://...}, path and query kept byte for byte (contract 6.1). */
    static URI webSocketUri(String endpoint) {
        int colon = endpoint.indexOf(':');
        String scheme = colon < 0 ? "" : endpoint.substring(0, colon);
        String rest = endpoint.substring(colon + 1);
        return switch (scheme) {
            case "http", "ws" -> URI.create("ws:" + rest);
            case "https", "wss" -> URI.create("wss:" + rest);
            default -> throw new IllegalArgumentException("not an http(s) or ws(s) endpoint: " + endpoint);
        };
    }

    private static void pong(Sender sender, WebSocket socket) {
        try {
            sender.send(socket, ws -> ws.sendText("pong", true));
        } catch (IOException e) {
            // The connection is going away; the owner sees that through its own next event.
        }
    }
}
