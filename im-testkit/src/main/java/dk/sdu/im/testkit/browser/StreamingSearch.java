package dk.sdu.im.testkit.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.sdu.im.testkit.core.CoreTokens;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Core's streaming file search towards a provider (contract 3.4.6, framing 1.6): a WebSocket to
 * {@code ws(s)://<gateway>/ucloud/<providerId>/files?usernameHint=<base64url(user)>} with
 * {@code Authorization: Bearer <JWT>} on the upgrade (the same token {@link
 * dk.sdu.im.testkit.client.ProviderClient#asUser} sends: no user in it, or the {@code ucloudUser} claim after
 * {@link #withUserClaim}), then one text
 * frame {@code {"call":"files.provider.<id>.streamingSearch","streamId":"ignored","payload":...,
 * "bearer":"","project":null}}. Thread-safe; each search has its own connection.
 */
public final class StreamingSearch {
    private final URI gateway;
    private final String providerId;
    private final CoreTokens tokens;
    private final Duration timeout;
    private final boolean userClaim;

    /** {@code gateway} is the provider's base URI (http or https); {@code timeout} bounds upgrade and collecting. */
    public StreamingSearch(URI gateway, String providerId, CoreTokens tokens, Duration timeout) {
        this(gateway, providerId, tokens, timeout, false);
    }

    private StreamingSearch(URI gateway, String providerId, CoreTokens tokens, Duration timeout, boolean userClaim) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.userClaim = userClaim;
    }

    /** The same searches with the {@code ucloudUser} claim in their tokens (project decision 1). */
    public StreamingSearch withUserClaim() {
        return new StreamingSearch(gateway, providerId, tokens, timeout, true);
    }

    /** A whole search as {@code ucloudUser}: until the server closes, or the timeout. Refusals are in the result. */
    public SearchResult run(String ucloudUser, JsonNode payload) {
        try (SearchSession session = start(ucloudUser, payload)) {
            return session.awaitEnd();
        } catch (IOException e) {
            return new SearchResult(List.of(), 0, List.of(), BrowserSocket.endingFor(e, "the WebSocket upgrade"));
        }
    }

    /** Opens the stream as {@code ucloudUser} and sends the request; the caller collects or cancels. */
    public SearchSession start(String ucloudUser, JsonNode payload) throws IOException {
        String token = userClaim ? tokens.tokenWithUserClaim(ucloudUser) : tokens.serviceToken();
        return startRaw(token, hint(ucloudUser), request(payload).toString());
    }

    /**
     * Forged handshakes for attack tests: any bearer (null sends no {@code Authorization}), any
     * {@code usernameHint} query value, sent as-is (null leaves the parameter out), and any first frame.
     */
    public SearchSession startRaw(String bearerOrNull, String usernameHintOrNull, String firstFrame)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (bearerOrNull != null) {
            headers.put("Authorization", "Bearer " + bearerOrNull);
        }
        BrowserSocket socket = BrowserSocket.open(uri(usernameHintOrNull), headers, timeout, false);
        try {
            socket.sendText(firstFrame);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new SearchSession(socket, timeout);
    }

    /** The first frame Core sends (contract 1.6: {@code bearer} empty on Core-to-provider sockets). */
    ObjectNode request(JsonNode payload) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("call", "files.provider." + providerId + ".streamingSearch");
        request.put("streamId", "ignored");
        request.set("payload", payload);
        request.put("bearer", "");
        request.putNull("project");
        return request;
    }

    /** Base64url of the UTF-8 username, with padding, percent-encoded for the query. */
    static String hint(String ucloudUser) {
        String hint = Base64.getUrlEncoder().encodeToString(ucloudUser.getBytes(StandardCharsets.UTF_8));
        return URLEncoder.encode(hint, StandardCharsets.UTF_8);
    }

    private URI uri(String usernameHintOrNull) {
        String base = gateway.toString().replaceFirst("/+$", "");
        String query = usernameHintOrNull == null ? "" : "?usernameHint=" + usernameHintOrNull;
        return BrowserSocket.webSocketUri(base + "/ucloud/" + providerId + "/files" + query);
    }
}
