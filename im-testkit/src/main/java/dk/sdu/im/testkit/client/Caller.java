package dk.sdu.im.testkit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * One way of calling the provider: which token, which user headers, which extra headers and query
 * parameters. Immutable; every {@code with...} returns a new Caller, so a test can start from
 * {@link ProviderClient#asUser} and forge exactly one thing.
 *
 * <p>Every call sends, as Core does: {@code Authorization: Bearer <jwt>} (minted per call unless fixed with
 * {@link #withToken}; without the {@code ucloudUser} claim, as today's Core signs it, unless {@link #withUserClaim}),
 * {@code ucloud-username} when set, {@code Accept-Encoding: gzip}, a Go user agent, and
 * the body with no {@code Content-Type}.
 */
public final class Caller {
    private final ProviderClient client;
    private final Duration timeout;
    private final Supplier<String> token;
    private final String usernameHeader;
    private final List<Map.Entry<String, String>> query;
    private final List<Map.Entry<String, String>> headers;

    private Caller(ProviderClient client, Duration timeout, Supplier<String> token, String usernameHeader,
                   List<Map.Entry<String, String>> query, List<Map.Entry<String, String>> headers) {
        this.client = client;
        this.timeout = timeout;
        this.token = token;
        this.usernameHeader = usernameHeader;
        this.query = List.copyOf(query);
        this.headers = List.copyOf(headers);
    }

    static Caller system(ProviderClient client, Duration timeout) {
        return new Caller(client, timeout, client.tokens()::serviceToken, null, List.of(), List.of());
    }

    static Caller user(ProviderClient client, Duration timeout, String username) {
        Objects.requireNonNull(username, "username");
        return new Caller(client, timeout, client.tokens()::serviceToken, base64(username), List.of(), List.of());
    }

    // ---- withers -------------------------------------------------------------------------------------

    /** Sends exactly this JWT on every call; null sends no {@code Authorization} header at all. */
    public Caller withToken(String rawJwtOrNull) {
        Supplier<String> fixed = rawJwtOrNull == null ? null : () -> rawJwtOrNull;
        return new Caller(client, timeout, fixed, usernameHeader, query, headers);
    }

    /**
     * Mints every token with the {@code ucloudUser} claim naming {@code username} (project decision 1), as the seed
     * design has Core do; the header is left as it is.
     */
    public Caller withUserClaim(String username) {
        Objects.requireNonNull(username, "username");
        return new Caller(client, timeout, () -> client.tokens().tokenWithUserClaim(username), usernameHeader, query,
                headers);
    }

    /** Sets {@code ucloud-username} to base64 of this username; null removes the header. */
    public Caller withUsernameHeader(String usernameOrNull) {
        return withRawUsernameHeader(usernameOrNull == null ? null : base64(usernameOrNull));
    }

    /** Sets {@code ucloud-username} to exactly this value (e.g. not base64); null removes the header. */
    public Caller withRawUsernameHeader(String rawHeaderValue) {
        return new Caller(client, timeout, token, rawHeaderValue, query, headers);
    }

    /** Adds {@code usernameHint=<base64url(username)>} to the query of every call (not to {@link #raw}). */
    public Caller withUsernameHint(String username) {
        String hint = Base64.getUrlEncoder().encodeToString(username.getBytes(StandardCharsets.UTF_8));
        return withQuery("usernameHint", hint);
    }

    /** Adds a query parameter to every call (not to {@link #raw}). */
    public Caller withQuery(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(query);
        more.add(Map.entry(name, value));
        return new Caller(client, timeout, token, usernameHeader, more, headers);
    }

    /** Adds a header; the JDK refuses Host, Connection, Content-Length, Expect and Upgrade. */
    public Caller withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new Caller(client, timeout, token, usernameHeader, query, more);
    }

    public Caller withTimeout(Duration timeout) {
        return new Caller(client, Objects.requireNonNull(timeout, "timeout"), token, usernameHeader, query, headers);
    }

    // ---- calls ---------------------------------------------------------------------------------------

    /** GET {@code /ucloud/<id>/<op>?<query>}, no body (Retrieve, Browse, QueryParameters conventions). */
    public Reply get(String op, Map<String, String> query) {
        return send("GET", client.operationPath(op) + queryString(query), null);
    }

    /** The same as {@link #get}: {@code op} already names the call, e.g. {@code jobs/retrieveProducts}. */
    public Reply retrieve(String op, Map<String, String> query) {
        return get(op, query);
    }

    /** POST {@code /ucloud/<id>/<op>} with this JSON text, sent as-is. */
    public Reply post(String op, String jsonBody) {
        return send("POST", client.operationPath(op) + queryString(Map.of()), utf8(jsonBody));
    }

    public Reply post(String op, JsonNode body) {
        return post(op, body.toString());
    }

    /** DELETE {@code /ucloud/<id>/<op>} carrying a JSON body, as Core's Delete convention does. */
    public Reply delete(String op, String jsonBody) {
        return send("DELETE", client.operationPath(op) + queryString(Map.of()), utf8(jsonBody));
    }

    public Reply delete(String op, JsonNode body) {
        return delete(op, body.toString());
    }

    /**
     * Any method, path and bytes, for malformed-input tests. {@code pathAndQuery} is appended verbatim to
     * the provider base URI (it is not prefixed with {@code /ucloud/<id>}); headers apply, the Caller's
     * extra query parameters do not. A null body sends none.
     */
    public Reply raw(String method, String pathAndQuery, byte[] body) {
        return send(method, pathAndQuery, body);
    }

    /**
     * {@code POST files/browse} with Core's capitalised {@code Browse} key (contract 3.4.1). Accepts
     * {@code {"resolvedCollection":D,"browse":{...}}} (the key is renamed), or
     * {@code {"resolvedCollection":D, "flags":..., "itemsPerPage":..., ...}} (everything but
     * {@code resolvedCollection} goes under {@code Browse}). A request that already has {@code Browse} is
     * sent unchanged.
     */
    public Reply browseFiles(ObjectNode browseRequest) {
        if (browseRequest.has("Browse")) {
            return post("files/browse", browseRequest);
        }
        if (browseRequest.has("browse")) {
            ObjectNode browse = browseRequest.get("browse").deepCopy();
            ObjectNode rest = browseRequest.deepCopy();
            rest.remove("browse");
            return post("files/browse", rest.set("Browse", browse));
        }
        ObjectNode browse = browseRequest.deepCopy();
        browse.remove("resolvedCollection");
        return browseFiles(browseRequest.get("resolvedCollection"), browse);
    }

    /** {@code {"resolvedCollection":<drive>,"Browse":<browse>}} to {@code files/browse}. */
    public Reply browseFiles(JsonNode resolvedCollection, ObjectNode browse) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.set("resolvedCollection", resolvedCollection == null ? request.nullNode() : resolvedCollection);
        request.set("Browse", browse);
        return post("files/browse", request);
    }

    // ---- plumbing ------------------------------------------------------------------------------------

    private Reply send(String method, String pathAndQuery, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(client.resolve(pathAndQuery))
                .timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token.get());
        }
        if (usernameHeader != null) {
            request.header("ucloud-username", usernameHeader);
        }
        request.header("Accept-Encoding", "gzip");
        request.header("User-Agent", "Go-http-client/1.1");
        headers.forEach(header -> request.header(header.getKey(), header.getValue()));
        return client.send(request.build());
    }

    private String queryString(Map<String, String> callQuery) {
        StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
        callQuery.forEach((name, value) -> joined.add(encode(name) + "=" + encode(value)));
        query.forEach(entry -> joined.add(encode(entry.getKey()) + "=" + encode(entry.getValue())));
        return joined.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Standard base64 with padding of the UTF-8 username: the {@code ucloud-username} wire form. */
    static String base64(String username) {
        return Base64.getEncoder().encodeToString(username.getBytes(StandardCharsets.UTF_8));
    }
}
