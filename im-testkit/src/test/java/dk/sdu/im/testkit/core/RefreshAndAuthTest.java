package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshAndAuthTest {
    private FakeCore core;
    private CoreHttp http;

    private void start(FakeCore.Options options) {
        core = FakeCore.start(options);
        http = new CoreHttp(core);
    }

    @AfterEach
    void stop() {
        http.close();
        core.close();
    }

    @Test
    void refreshIssuesAccessTokenThatVerifiesWithThePublishedKeyAndCarriesProviderClaims() throws Exception {
        start(FakeCore.Options.defaults());
        Provider provider = core.registerProvider("slurm");

        CoreHttp.Res res = http.refresh(provider.refreshToken());

        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().at("/responses/0/csrfToken").asText()).isEmpty();
        SignedJWT jwt = SignedJWT.parse(res.json().at("/responses/0/accessToken").asText());
        assertThat(jwt.verify(new RSASSAVerifier(parsePublicKey(provider.publicKeyBase64())))).isTrue();
        assertThat(jwt.getHeader().toJSONObject()).containsOnlyKeys("alg", "typ");
        assertThat(jwt.getHeader().toJSONObject()).containsEntry("alg", "RS256").containsEntry("typ", "JWT");
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("cloud.sdu.dk");
        assertThat(claims.getSubject()).isEqualTo("#P_slurm");
        assertThat(claims.getStringClaim("role")).isEqualTo("PROVIDER");
        assertThat(claims.getStringClaim("principalType")).isEqualTo("provider");
        assertThat(rawPayload(jwt).get("aud").isArray()).isTrue();
        assertThat(claims.getAudience()).containsExactly("all:write");
        long lifetime = claims.getExpirationTime().getTime() - claims.getIssueTime().getTime();
        assertThat(lifetime).isEqualTo(Duration.ofMinutes(10).toMillis());
        assertThat(core.refreshCount("slurm")).isEqualTo(1);
    }

    @Test
    void registeredProviderHasHexRefreshTokenAndOneLineDerPublicKey(@TempDir Path dir) throws Exception {
        start(FakeCore.Options.defaults());
        Provider provider = core.registerProvider("slurm");

        assertThat(provider.refreshToken()).matches("[0-9a-f]{64}");
        assertThat(provider.publicKeyBase64()).doesNotContain("\n", "-----");
        assertThat(parsePublicKey(provider.publicKeyBase64()).getModulus().bitLength()).isEqualTo(2048);
        provider.writePublicKey(dir.resolve("ucloud_key.pub"));
        assertThat(Files.readString(dir.resolve("ucloud_key.pub"))).isEqualTo(provider.publicKeyBase64() + "\n");
        assertThat(provider.toString()).doesNotContain(provider.refreshToken());
    }

    @Test
    void unknownRefreshTokenIsUnauthorized() {
        start(FakeCore.Options.defaults());
        core.registerProvider("slurm");

        CoreHttp.Res res = http.refresh("0".repeat(64));

        assertThat(res.status()).isEqualTo(401);
        assertThat(res.json()).isEqualTo(CoreHttp.json("{'statusCode':401,'why':'Unauthorized','errorCode':null}"));
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    }

    @Test
    void apiCallWithoutTokenIsUnauthorized() {
        start(FakeCore.Options.defaults());
        core.registerProvider("slurm");

        CoreHttp.Res res = http.get("/api/jobs/control/browse", null);

        assertThat(res.status()).isEqualTo(401);
        assertThat(res.why()).isEqualTo("Unauthorized");
    }

    @Test
    void apiCallWithTokenSignedByAnotherKeyIsUnauthorized() throws Exception {
        start(FakeCore.Options.defaults());
        core.registerProvider("slurm");
        var otherKeys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String forged = CoreTokens.create(otherKeys, "cloud.sdu.dk", core.options().clock())
                .mint(claims -> claims.subject("#P_slurm").claim("role", "PROVIDER"));

        assertThat(http.get("/api/jobs/control/browse", forged).status()).isEqualTo(401);
    }

    @Test
    void coreServiceTokenIsNotAProviderAccessToken() {
        start(FakeCore.Options.defaults());
        Provider provider = core.registerProvider("slurm");

        String serviceToken = provider.tokens().serviceToken();

        assertThat(http.get("/api/jobs/control/browse", serviceToken).status()).isEqualTo(401);
    }

    @Test
    void accessTokenWithWrongIssuerOrRoleIsUnauthorized() {
        start(FakeCore.Options.defaults());
        Provider provider = core.registerProvider("slurm");
        String wrongIssuer = provider.tokens().mint(c -> c.subject("#P_slurm").claim("role", "PROVIDER").issuer("evil"));
        String wrongRole = provider.tokens().mint(c -> c.subject("#P_slurm").claim("role", "USER"));
        String noExpiry = provider.tokens().mint(c -> c.subject("#P_slurm").claim("role", "PROVIDER").claim("exp", null));

        assertThat(http.get("/api/jobs/control/browse", wrongIssuer).status()).isEqualTo(401);
        assertThat(http.get("/api/jobs/control/browse", wrongRole).status()).isEqualTo(401);
        assertThat(http.get("/api/jobs/control/browse", noExpiry).status()).isEqualTo(401);
        assertThat(http.get("/api/jobs/control/browse", "not-a-jwt").status()).isEqualTo(401);
    }

    @Test
    void accessTokenIsRefusedOnceExpiredByCoresClock() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        start(FakeCore.Options.defaults().withClock(clock));
        Provider provider = core.registerProvider("slurm");
        String token = http.accessToken(provider);

        clock.advance(Duration.ofMinutes(9));
        assertThat(http.get("/api/jobs/control/browse", token).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        assertThat(http.get("/api/jobs/control/browse", token).status()).isEqualTo(401);
    }

    @Test
    void accessTokenLifetimeIsConfigurable() throws Exception {
        start(FakeCore.Options.defaults().withAccessTokenLifetime(Duration.ofSeconds(30)));
        Provider provider = core.registerProvider("slurm");

        var claims = SignedJWT.parse(http.accessToken(provider)).getJWTClaimsSet();

        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(30_000);
    }

    @Test
    void malformedJsonIsBadRequestAndUnknownPathIsNotFound() {
        start(FakeCore.Options.defaults());
        String token = http.accessToken(core.registerProvider("slurm"));

        CoreHttp.Res malformed = http.post("/api/jobs/control/update", "{\"items\":[", token);
        CoreHttp.Res unknown = http.get("/api/nothing/here", token);
        CoreHttp.Res wrongMethod = http.get("/api/jobs/control/update", token);

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("statusCode").asInt()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().has("why")).isTrue();
        assertThat(wrongMethod.status()).isEqualTo(405);
    }

    private static RSAPublicKey parsePublicKey(String base64) throws Exception {
        byte[] der = Base64.getDecoder().decode(base64);
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }

    static JsonNode rawPayload(SignedJWT jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.getParsedParts()[1].toString()),
                StandardCharsets.UTF_8);
        return CoreHttp.parse(payload);
    }
}
