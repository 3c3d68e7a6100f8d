package dk.sdu.im.user.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.http.WebSocket;
import dk.sdu.im.api.wire.Envelopes;
import dk.sdu.im.api.wire.Streams;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * What a follow sends Core (contract 3.5.4, framing 1.6), all under the request's stream id: log chunks as
 * {@code message} frames, each naming this provider's session and carrying one of stdout or stderr; a keep-alive
 * {@code {"ping":"pong"}} (as Go's IM sends; receivers ignore frames without a type) when nothing went out for a
 * while; and one final {@code response}, 200 or a refusal. Used by the follow's own thread only.
 */
final class FollowFrames {
    static final String KEEP_ALIVE = "{\"ping\":\"pong\"}";

    private final WebSocket socket;
    private final ObjectMapper mapper;
    private final String streamId;
    private final String session = UUID.randomUUID().toString();
    private long lastSent = System.nanoTime();

    /** The payload of a log chunk; Core reads rank, stdout, stderr and channel, the unused ones as null. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Chunk(String streamId, int rank, String stdout, String stderr, String channel) {
    }

    FollowFrames(WebSocket socket, ObjectMapper mapper, String streamId) {
        this.socket = socket;
        this.mapper = mapper;
        this.streamId = streamId;
    }

    void chunk(FollowOutput output, String text) throws IOException {
        boolean stdout = output == FollowOutput.STDOUT;
        send(Streams.Reply.message(streamId, new Chunk(session, 0, stdout ? text : null, stdout ? null : text, null)));
    }

    /** The follow's end: the job is over and all its output was sent. */
    void done() throws IOException {
        send(Streams.Reply.response(streamId, 200, Map.of()));
    }

    /** The follow's end when it cannot be served: the status and {@code why}. */
    void refusal(ApiException refused) throws IOException {
        send(Streams.Reply.response(streamId, refused.status(), Envelopes.ErrorBody.of(refused)));
    }

    /** Sends the keep-alive if nothing was sent for {@code quiet}. */
    void keepAliveAfter(Duration quiet) throws IOException {
        if (System.nanoTime() - lastSent >= quiet.toNanos()) {
            sendText(KEEP_ALIVE);
        }
    }

    private void send(Streams.Reply frame) throws IOException {
        sendText(mapper.writeValueAsString(frame));
    }

    private void sendText(String text) throws IOException {
        socket.sendText(text);
        lastSent = System.nanoTime();
    }
}
