package dk.sdu.im.server.ucloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls UCloud's {@code /api/...} endpoints with a fresh provider access token. A 401 drops the cached token
 * and retries once (UCloud may have restarted or rotated keys). Thread-safe.
 */
public final class CoreClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper mapper;
    private final AccessTokens tokens;
    private final CoreReach reach;

    public CoreClient(URI base, HttpClient http, ObjectMapper mapper, AccessTokens tokens) {
        this(base, http, mapper, tokens, new CoreReach(java.time.Clock.systemUTC()));
    }

    /** @param reach told how every callback went (metrics, readiness) */
    public CoreClient(URI base, HttpClient http, ObjectMapper mapper, AccessTokens tokens, CoreReach reach) {
        this.reach = reach;
        this.base = base;
        this.http = http;
        this.mapper = mapper;
        this.tokens = tokens;
    }

    public JsonNode get(String pathAndQuery) throws CoreFailure {
        return send("GET", pathAndQuery, null);
    }

    public JsonNode post(String path, Object body) throws CoreFailure {
        return send("POST", path, body);
    }

    /**
     * Asks UCloud for a fresh access token (the readiness probe): proves that UCloud answers and still accepts the
     * provider's refresh token. Counted like any callback.
     */
    public void probe() throws CoreFailure {
        try {
            tokens.invalidate();
            tokens.current();
            reach.succeeded();
        } catch (CoreFailure failure) {
            reach.failed(failure);
            throw failure;
        }
    }

    private JsonNode send(String method, String path, Object body) throws CoreFailure {
        try {
            JsonNode reply = sendRetrying(method, path, body);
            reach.succeeded();
            return reply;
        } catch (CoreFailure failure) {
            reach.failed(failure);
            throw failure;
        }
    }

    private JsonNode sendRetrying(String method, String path, Object body) throws CoreFailure {
        try {
            return sendOnce(method, path, body);
        } catch (CoreFailure failure) {
            if (failure.status() != 401) {
                throw failure;
            }
            tokens.invalidate();
            return sendOnce(method, path, body);
        }
    }

    private JsonNode sendOnce(String method, String path, Object body) throws CoreFailure {
        byte[] bytes = body == null ? null : write(body);
        var request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + tokens.current())
                .method(method, bytes == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (bytes != null) {
            request.header("Content-Type", "application/json; charset=utf-8");
        }
        return exchange(http, mapper, request.build(), method + " " + path);
    }

    private byte[] write(Object body) throws CoreFailure {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new CoreFailure(0, "cannot encode request: " + e.getMessage(), e);
        }
    }

    /** Sends one request and reads a JSON reply, turning every failure into a {@link CoreFailure}. */
    static JsonNode exchange(HttpClient http, ObjectMapper mapper, HttpRequest request, String what) throws CoreFailure {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CoreFailure(0, what + ": UCloud is unreachable at " + request.uri().resolve("/") + " (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoreFailure(0, what + ": interrupted", e);
        }
        JsonNode json = parse(mapper, response.body());
        if (response.statusCode() / 100 != 2) {
            String why = json != null && json.hasNonNull("why") ? json.get("why").asText() : "no reason given";
            throw new CoreFailure(response.statusCode(), what + ": UCloud answered " + response.statusCode() + ": " + why, null);
        }
        if (json == null) {
            throw new CoreFailure(502, what + ": UCloud's reply is not JSON", null);
        }
        return json;
    }

    private static JsonNode parse(ObjectMapper mapper, byte[] body) {
        try {
            return body.length == 0 ? null : mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
