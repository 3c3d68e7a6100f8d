package dk.sdu.im.user.transfer;

import dk.sdu.im.api.ApiException;
import java.util.Objects;

/**
 * What became of one CHUNKED request ({@link ChunkedUploads#accept}). {@code user} is the token's UCloud user,
 * null when the token was refused; {@code held} is how many bytes the server holds for the upload after the
 * request (reported to the client as {@code Chunked-Upload-Offset}), -1 when unknown.
 */
sealed interface ChunkOutcome {
    String user();

    long held();

    /** The chunk was written; more are expected. */
    record Stored(String user, long held) implements ChunkOutcome {
    }

    /** The last byte arrived and the file is in place at {@code ucloudPath}. */
    record Completed(String user, long held, String ucloudPath) implements ChunkOutcome {
    }

    /** The request was refused with {@code error}; nothing of its body was kept. */
    record Refused(String user, long held, ApiException error) implements ChunkOutcome {
        public Refused {
            Objects.requireNonNull(error, "error");
        }
    }

    /** The body ended early (the client went away): what arrived is kept, and {@code held} says how much. */
    record Interrupted(String user, long held) implements ChunkOutcome {
    }
}
