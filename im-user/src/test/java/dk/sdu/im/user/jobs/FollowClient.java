package dk.sdu.im.user.jobs;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.testkit.browser.BrowserSocket;
import dk.sdu.im.testkit.browser.CloseStatus;
import dk.sdu.im.testkit.browser.SocketEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Core's side of a follow socket (contract 3.5.4): upgrades with the JWT and {@code usernameHint}, sends the first
 * frame, and collects what comes back, in order, until the server closes, a condition holds, or the wait runs out.
 */
final class FollowClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final BrowserSocket socket;
    private final List<String> texts = new ArrayList<>();
    private CloseStatus closed;

    private FollowClient(BrowserSocket socket) {
        this.socket = socket;
    }

    /** Opens {@code /ucloud/jobs.provider.slurm/websocket} as Core does for {@code user}, with this bearer. */
    static FollowClient open(int port, String bearer, String user) throws IOException {
        String hint = Base64.getUrlEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ucloud/jobs.provider.slurm/websocket?usernameHint=" + hint);
        return new FollowClient(BrowserSocket.open(uri, Map.of("Authorization", "Bearer " + bearer), WAIT, false));
    }

    /** Core's first frame for {@code job}, with this stream id. */
    static String init(String streamId, JsonNode job) {
        return "{\"call\":\"jobs.provider.slurm.follow\",\"streamId\":\"" + streamId
                + "\",\"payload\":{\"type\":\"init\",\"job\":" + job + "},\"bearer\":\"\",\"project\":null}";
    }

    FollowClient send(String text) throws IOException {
        socket.sendText(text);
        return this;
    }

    /** Collects until {@code done} holds or the socket closed; whether {@code done} holds then. */
    boolean awaitUntil(Predicate<FollowClient> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.test(this) && closed == null) {
            long left = deadline - System.nanoTime();
            Optional<SocketEvent> event = left <= 0 ? Optional.empty() : socket.next(Duration.ofNanos(left));
            if (event.isEmpty()) {
                return false;
            }
            take(event.get());
        }
        return done.test(this);
    }

    /** Collects until the server closes the socket; its close status, or null if it did not close in time. */
    CloseStatus awaitClose() throws InterruptedException {
        awaitUntil(client -> false);
        return closed;
    }

    /** Ends the follow as Core does, by closing the socket. */
    void closeAsCore() {
        socket.closeNormally(1000, "");
    }

    /** Every text frame so far, as sent. */
    List<String> texts() {
        return texts;
    }

    /** Every JSON frame with a {@code type} so far. */
    List<JsonNode> frames() {
        return texts.stream().map(FollowClient::parse).filter(frame -> frame.has("type")).toList();
    }

    List<JsonNode> messages() {
        return frames().stream().filter(frame -> frame.path("type").asText().equals("message")).toList();
    }

    Optional<JsonNode> response() {
        return frames().stream().filter(frame -> frame.path("type").asText().equals("response")).findFirst();
    }

    /** All stdout text received so far, in order. */
    String stdout() {
        return joined("stdout");
    }

    String stderr() {
        return joined("stderr");
    }

    private String joined(String field) {
        StringBuilder text = new StringBuilder();
        for (JsonNode message : messages()) {
            JsonNode value = message.path("payload").path(field);
            if (value.isTextual()) {
                text.append(value.asText());
            }
        }
        return text.toString();
    }

    private void take(SocketEvent event) {
        switch (event) {
            case SocketEvent.Text text -> texts.add(text.text());
            case SocketEvent.Closed close -> closed = close.status();
            case SocketEvent.Broken broken -> closed = new CloseStatus(1006, broken.error().toString());
            case SocketEvent.Binary binary -> texts.add("(binary)");
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            return JSON.createObjectNode();
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
