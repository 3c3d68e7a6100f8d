package dk.sdu.im.testkit.client;

import dk.sdu.im.testkit.core.CoreTokens;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Core's HTTP client towards one provider. Calls go to {@code <providerBaseUri>/ucloud/<providerId>/<op>}
 * over HTTP/1.1, with a fresh Core JWT minted per call by {@link CoreTokens}. Start from
 * {@link #asSystem()} or {@link #asUser(String)}; the returned {@link Caller} is immutable.
 *
 * <p>Thread-safe. Close it to release the underlying {@link HttpClient}.
 */
public final class ProviderClient implements AutoCloseable {
    /** Core gives up on a provider call after this long (contract 3, project decision 8). */
    public static final Duration CORE_TIMEOUT = Duration.ofSeconds(5);

    private final String base;
    private final String providerId;
    private final CoreTokens tokens;
    private final Duration timeout;
    private final HttpClient http;

    public ProviderClient(URI providerBaseUri, String providerId, CoreTokens tokens) {
        this(providerBaseUri, providerId, tokens, CORE_TIMEOUT);
    }

    public ProviderClient(URI providerBaseUri, String providerId, CoreTokens tokens, Duration timeout) {
        String uri = Objects.requireNonNull(providerBaseUri, "providerBaseUri").toString();
        this.base = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        // HTTP/1.1 like Core's Go client; the JDK's default would try an h2c upgrade on plain http.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A system call: service token without {@code ucloudUser}, no {@code ucloud-username} header. */
    public Caller asSystem() {
        return Caller.system(this, timeout);
    }

    /** A user call as today's Core sends it: the base64 {@code ucloud-username} header and a token without a user. */
    public Caller asUser(String ucloudUsername) {
        return Caller.user(this, timeout, ucloudUsername);
    }

    /** A user call whose token also carries the {@code ucloudUser} claim (project decision 1, the seed design). */
    public Caller asUserWithClaim(String ucloudUsername) {
        return Caller.user(this, timeout, ucloudUsername).withUserClaim(ucloudUsername);
    }

    public String providerId() {
        return providerId;
    }

    public CoreTokens tokens() {
        return tokens;
    }

    /** {@code <base>/ucloud/<providerId>/<op>}. */
    String operationPath(String op) {
        String tail = op.startsWith("/") ? op.substring(1) : op;
        return "/ucloud/" + providerId + (tail.isEmpty() ? "" : "/" + tail);
    }

    URI resolve(String pathAndQuery) {
        return URI.create(base + (pathAndQuery.startsWith("/") ? pathAndQuery : "/" + pathAndQuery));
    }

    /**
     * Sends and decodes. Network failures and Core's timeout surface as {@link UncheckedIOException}
     * (wrapping {@link java.net.http.HttpTimeoutException} for a timeout).
     */
    Reply send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers().map(), decode(response));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + request.uri(), e);
        }
    }

    private static String decode(HttpResponse<byte[]> response) throws IOException {
        byte[] body = response.body();
        boolean gzip = response.headers().firstValue("Content-Encoding")
                .map(value -> value.trim().equalsIgnoreCase("gzip")).orElse(false);
        if (gzip && body.length > 0) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
    }
}
