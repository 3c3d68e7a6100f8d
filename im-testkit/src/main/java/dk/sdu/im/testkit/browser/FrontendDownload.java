package dk.sdu.im.testkit.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.sdu.im.testkit.client.Caller;
import dk.sdu.im.testkit.client.Reply;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * A download as UCloud's frontend makes it ({@code FilesApi.tsx}: {@code download}, {@code downloadFileContent}):
 * it asks Core for {@code files/download}, Core forwards the call with the drive it resolved, and the frontend
 * opens the endpoint it gets back after {@code normalizeDownloadEndpoint}, which appends
 * {@code usernameHint=<b64EncodeUnicode(activeUsername)>} (standard base64 of the UTF-8 name, padded, not
 * percent-encoded, so {@code +}, {@code /} and {@code =} go out raw) after {@code &} if the endpoint has a
 * {@code ?}, else after {@code ?}, whatever the endpoint already carries. The GET itself is a {@link Download}
 * (no credentials), with a {@code Range} header when a test resumes.
 *
 * <p>Test code, written from the frontend's source, independent of the provider's types. Thread-safe; close it to
 * release the HTTP client.
 */
public final class FrontendDownload implements AutoCloseable {
    private final String activeUsername;
    private final BrowserReach reach;
    private final Download download;

    /** {@code activeUsername}: the user logged in to the frontend ({@code Client.activeUsername}). */
    public FrontendDownload(String activeUsername, BrowserReach reach, Duration timeout) {
        this.activeUsername = Objects.requireNonNull(activeUsername, "activeUsername");
        this.reach = Objects.requireNonNull(reach, "reach");
        this.download = new Download(timeout);
    }

    /** {@code normalizeDownloadEndpoint}: the URL the frontend opens for {@code endpoint}. */
    public static String normalize(String endpoint, String activeUsername) {
        String hint = "usernameHint=" + Base64.getEncoder().encodeToString(activeUsername.getBytes(StandardCharsets.UTF_8));
        return endpoint + (endpoint.indexOf('?') >= 0 ? "&" : "?") + hint;
    }

    /**
     * {@code files/download} of {@code id} on {@code drive} as Core forwards the frontend's request; the endpoint of
     * the one response. An {@link AssertionError} naming the reply if there is none.
     */
    public static String endpoint(Caller core, JsonNode drive, String id) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.putArray("items").addObject().put("id", id).set("resolvedCollection", drive);
        Reply reply = core.post("files/download", request);
        String endpoint = reply.isSuccess() ? reply.json().at("/responses/0/endpoint").asText("") : "";
        if (endpoint.isEmpty()) {
            throw new AssertionError("files/download gave no endpoint: " + reply.status() + " " + reply.body());
        }
        return endpoint;
    }

    /** Opens {@code endpoint} as the frontend does: the whole file. */
    public DownloadResult open(String endpoint, DownloadSink sink) {
        return open(endpoint, null, sink);
    }

    /** Opens {@code endpoint} as the frontend does, with {@code Range: <range>} unless {@code range} is null. */
    public DownloadResult open(String endpoint, String range, DownloadSink sink) {
        return download.get(reach.url().apply(normalize(endpoint, activeUsername)), range, sink);
    }

    @Override
    public void close() {
        download.close();
    }
}
