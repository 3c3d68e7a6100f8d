package dk.sdu.im.testkit.browser;

import dk.sdu.im.testkit.client.Reply;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one {@link FrontendUpload} went, by the path the frontend took. Every kind keeps Core's {@code files/upload}
 * reply ({@code created}); {@link #frontendReportsSuccess} is what the frontend would show the user, which is not
 * always what happened on the provider (a test checks the files for that).
 */
public sealed interface FrontendUploadResult {
    Reply created();

    /** Whether the frontend would mark the upload done without an error. */
    boolean frontendReportsSuccess();

    /** What {@code files/upload} answered for the one item: the endpoint to open, the protocol and the token. */
    record Strategy(String endpoint, String protocol, String token) {
        public Strategy {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(token, "token");
        }

        /** The first response of a 2xx {@code files/upload} reply; empty if it was refused or has none. */
        static Optional<Strategy> of(Reply created) {
            if (!created.isSuccess() || !created.json().at("/responses/0/endpoint").isTextual()) {
                return Optional.empty();
            }
            var response = created.json().at("/responses/0");
            return Optional.of(new Strategy(response.path("endpoint").asText(), response.path("protocol").asText(),
                    response.path("token").asText()));
        }
    }

    /** {@code files/upload} failed or answered nothing usable: the frontend shows "Unable to start upload". */
    record NotStarted(Reply created) implements FrontendUploadResult {
        @Override
        public boolean frontendReportsSuccess() {
            return false;
        }
    }

    /**
     * A protocol the frontend would not use for this upload ("Upload not supported for this provider", or CHUNKED
     * for a folder, where it has no file to read), or {@code WEBSOCKET_V1}, which this emulation does not speak.
     */
    record Unsupported(Reply created, String protocol) implements FrontendUploadResult {
        @Override
        public boolean frontendReportsSuccess() {
            return false;
        }
    }

    /**
     * The CHUNKED loop: every POST's reply in order, the offset reached and whether it stopped for a pause.
     * {@code offset} is where a resume starts.
     */
    record Chunked(Reply created, Strategy strategy, Path file, long size, long offset, List<Reply> posts, boolean paused)
            implements FrontendUploadResult {
        public Chunked {
            posts = List.copyOf(posts);
        }

        /** Done once the loop ran out of bytes with no refusal; an empty file sends nothing and is "done" at once. */
        @Override
        public boolean frontendReportsSuccess() {
            return !paused && posts.stream().allMatch(Reply::isSuccess);
        }
    }

    /** The WEBSOCKET_V2 session, as {@link WebSocketV2Upload} reports it; {@code socket} says what happened. */
    record Streamed(Reply created, Strategy strategy, UploadResult socket) implements FrontendUploadResult {
        /** Always: the frontend's V2 handler marks the upload done whenever the socket closes, refused or not. */
        @Override
        public boolean frontendReportsSuccess() {
            return true;
        }
    }
}
