package dk.sdu.im.testkit.browser;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One open streaming search, Core's side (contract 3.4.6): collects {@code {"type":"message",...,
 * "payload":{"type":"result","batch":[...]}}} frames until the server closes the socket, the timeout passes,
 * or the caller cancels by closing. Single consumer thread; close it to release the connection.
 */
public final class SearchSession implements AutoCloseable {
    /** Read-only use only; never reconfigured. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BrowserSocket socket;
    private final Duration timeout;
    private final List<JsonNode> items = new ArrayList<>();
    private final List<String> frames = new ArrayList<>();
    private int batches;
    private Ending ending;

    SearchSession(BrowserSocket socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /** Collects until the server closes the socket or {@code timeout} (from now) passes. */
    public SearchResult awaitEnd() {
        collect(Integer.MAX_VALUE);
        return result();
    }

    /** Collects until at least {@code count} batches arrived; false if the stream ended or timed out first. */
    public boolean awaitBatches(int count) {
        collect(count);
        return batches >= count;
    }

    /** Cancels as Core does, by closing the socket, and returns what arrived so far. */
    public SearchResult cancel() {
        if (ending == null) {
            socket.closeNormally(WebSocket.NORMAL_CLOSURE, "");
            ending = new Ending.Cancelled();
        }
        return result();
    }

    /** A snapshot; {@link Ending.TimedOut} if the stream is still open. */
    public SearchResult result() {
        Ending shown = ending == null ? new Ending.TimedOut("the server to close the stream") : ending;
        return new SearchResult(items, batches, frames, shown);
    }

    @Override
    public void close() {
        socket.close();
    }

    private void collect(int batchesWanted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ending == null && batches < batchesWanted) {
            long left = deadline - System.nanoTime();
            Optional<SocketEvent> event = left <= 0 ? Optional.empty() : next(Duration.ofNanos(left));
            if (event.isEmpty()) {
                return;
            }
            handle(event.get());
        }
    }

    private Optional<SocketEvent> next(Duration wait) {
        try {
            return socket.next(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ending = new Ending.Failed("interrupted");
            return Optional.empty();
        }
    }

    private void handle(SocketEvent event) {
        switch (event) {
            case SocketEvent.Text text -> frame(text.text());
            case SocketEvent.Binary binary -> frames.add("(binary, " + binary.data().remaining() + " bytes)");
            case SocketEvent.Closed closed -> ending = new Ending.ServerClosed(closed.status());
            case SocketEvent.Broken broken -> ending = new Ending.Failed(broken.error().toString());
        }
    }

    /** Keeps every frame; adds the batch of a result message, ignores the rest (contract 1.6). */
    private void frame(String text) {
        frames.add(text);
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            return;
        }
        JsonNode payload = node.path("payload");
        if (node.path("type").asText().equals("message") && payload.path("type").asText().equals("result")
                && payload.path("batch").isArray()) {
            payload.path("batch").forEach(items::add);
            batches++;
        }
    }
}
