package dk.sdu.im.testkit.core;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

class CoreTokensTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final CoreTokens tokens = CoreTokens.create(keyPair(), "cloud.sdu.dk", Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void serviceTokenCarriesCoreClaimsWithoutUser() throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens.serviceToken());

        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) tokens.keyPair().getPublic()))).isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("cloud.sdu.dk");
        assertThat(claims.getSubject()).isEqualTo("_UCloud");
        assertThat(claims.getStringClaim("role")).isEqualTo("SERVICE");
        assertThat(claims.getStringClaim("principalType")).isEqualTo("service");
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(NOW));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plusSeconds(600)));
        assertThat(claims.getClaims()).doesNotContainKey("ucloudUser");
        assertThat(RefreshAndAuthTest.rawPayload(jwt).get("aud").isArray()).isTrue();
    }

    @Test
    void headerIsExactlyGolangJwtsWithoutKid() throws Exception {
        String header = tokens.serviceToken().split("\\.")[0];

        assertThat(new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
    }

    @Test
    void userTokenNamesTheUcloudUser() throws Exception {
        var claims = SignedJWT.parse(tokens.tokenWithUserClaim("alice#1234")).getJWTClaimsSet();

        assertThat(claims.getStringClaim("ucloudUser")).isEqualTo("alice#1234");
        assertThat(claims.getSubject()).isEqualTo("_UCloud");
    }

    @Test
    void mintLetsAttackTestsChangeOrRemoveAnyClaim() throws Exception {
        String token = tokens.mint(c -> c.issuer("evil.example").claim("exp", null).claim("role", "USER")
                .notBeforeTime(Date.from(NOW.plusSeconds(60))));

        SignedJWT jwt = SignedJWT.parse(token);
        var claims = jwt.getJWTClaimsSet();
        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) tokens.keyPair().getPublic()))).isTrue();
        assertThat(claims.getIssuer()).isEqualTo("evil.example");
        assertThat(claims.getExpirationTime()).isNull();
        assertThat(claims.getStringClaim("role")).isEqualTo("USER");
        assertThat(claims.getNotBeforeTime()).isEqualTo(Date.from(NOW.plusSeconds(60)));
    }

    private static java.security.KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
