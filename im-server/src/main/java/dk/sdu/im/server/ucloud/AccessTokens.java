package dk.sdu.im.server.ucloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTParser;
import dk.sdu.im.api.wire.ProviderAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns the refresh token into access tokens (contract 2.3) and renews one before it has less than
 * {@code renewBefore} left (UCloud's own module uses 3 minutes). The refresh call carries no Authorization.
 * Thread-safe; concurrent callers share one refresh.
 */
public final class AccessTokens {
    private final URI refreshUri;
    private final String refreshToken;
    private final HttpClient http;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration renewBefore;
    private String token;
    private Instant expiresAt = Instant.MIN;

    public AccessTokens(URI coreBase, String refreshToken, HttpClient http, ObjectMapper mapper, Clock clock,
                        Duration renewBefore) {
        this.refreshUri = coreBase.resolve("/auth/providers/refresh");
        this.refreshToken = refreshToken;
        this.http = http;
        this.mapper = mapper;
        this.clock = clock;
        this.renewBefore = renewBefore;
    }

    public synchronized String current() throws CoreFailure {
        if (token == null || clock.instant().isAfter(expiresAt.minus(renewBefore))) {
            refresh();
        }
        return token;
    }

    public synchronized void invalidate() {
        token = null;
    }

    private void refresh() throws CoreFailure {
        var body = Map.of("items", List.of(new ProviderAuth.RefreshRequest(refreshToken)));
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(refreshUri)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
                    .build();
        } catch (java.io.IOException e) {
            throw new CoreFailure(0, "cannot encode refresh request", e);
        }
        JsonNode reply = CoreClient.exchange(http, mapper, request, "refresh of the provider access token");
        String accessToken = reply.path("responses").path(0).path("accessToken").asText(null);
        if (accessToken == null || accessToken.isBlank()) {
            throw new CoreFailure(502, "UCloud's refresh reply has no accessToken", null);
        }
        token = accessToken;
        expiresAt = expiryOf(accessToken);
    }

    /** Reads {@code exp} only to schedule renewal; UCloud checks the token, not us. */
    private Instant expiryOf(String accessToken) throws CoreFailure {
        try {
            var exp = JWTParser.parse(accessToken).getJWTClaimsSet().getExpirationTime();
            return exp == null ? clock.instant().plus(renewBefore) : exp.toInstant();
        } catch (ParseException e) {
            throw new CoreFailure(502, "UCloud's access token is not a JWT", e);
        }
    }
}
