package dk.sdu.im.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON framing of WebSocket streams (contract 1.6): one request frame from the client, then any number of
 * {@code message} frames and at most one final {@code response} frame from the provider. Fields the client adds
 * ({@code bearer}, {@code project}, {@code signedIntent}, ...) are ignored.
 */
public final class Streams {
    private Streams() {
    }

    /** The client's first frame: which call, its stream id, and the call's payload (parsed by the call). */
    public record Request<P>(String call, String streamId, P payload) {
    }

    /** A streamed item ({@code type} "message") or the final answer ({@code type} "response", with a status). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reply(String type, String streamId, Integer status, Object payload) {
        public static Reply message(String streamId, Object payload) {
            return new Reply("message", streamId, null, payload);
        }

        public static Reply response(String streamId, int status, Object payload) {
            return new Reply("response", streamId, status, payload);
        }
    }

    /** The payload of {@code files.provider.<id>.streamingSearch} (contract 3.4.6). */
    public record SearchRequest(String query, Object owner, Files.FileFlags flags, Category category,
                                String currentFolder) {
    }

    /** A product category reference: {@code {"name":"home","provider":"slurm"}}. */
    public record Category(String name, String provider) {
    }

    /** One batch of search results: {@code {"type":"result","batch":[ProviderFile...]}}. */
    public record SearchBatch(String type, java.util.List<Files.ProviderFile> batch) {
        public static SearchBatch of(java.util.List<Files.ProviderFile> batch) {
            return new SearchBatch("result", batch);
        }
    }
}
