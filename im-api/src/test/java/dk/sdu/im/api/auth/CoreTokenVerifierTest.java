package dk.sdu.im.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dk.sdu.im.api.auth.CoreTokenVerifier.TokenRejected;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

class CoreTokenVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private final TestKeys keys = new TestKeys(NOW);
    private final CoreTokenVerifier verifier = new CoreTokenVerifier(keys.publicKey(), "cloud.sdu.dk",
            Duration.ofSeconds(60), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theRehearsalTokenNeverVerifiesAndARehearsalChangesNothing() throws Exception {
        assertThatThrownBy(() -> verifier.verify(CoreTokenVerifier.REHEARSAL_TOKEN)).isInstanceOf(TokenRejected.class)
                .hasMessageContaining("signature");
        verifier.rehearse();
        assertThat(verifier.verify(keys.sign(c -> c.claim("ucloudUser", "alice#1234"))).ucloudUser()).contains("alice#1234");
    }

    @Test
    void acceptsCoreServiceTokenWithoutUserContext() throws Exception {
        var verified = verifier.verify(keys.sign(c -> c));
        assertThat(verified.ucloudUser()).isEmpty();
        assertThat(verified.expiresAt()).isEqualTo(NOW.plusSeconds(600));
    }

    @Test
    void acceptsTokenWithUserContextClaim() throws Exception {
        assertThat(verifier.verify(keys.sign(c -> c.claim("ucloudUser", "alice#1234"))).ucloudUser())
                .contains("alice#1234");
    }

    @Test
    void acceptsAudienceAsPlainString() throws Exception {
        assertThat(verifier.verify(keys.sign(c -> c.audience("all:write"))).ucloudUser()).isEmpty();
    }

    @Test
    void acceptsTokenExpiredWithinClockSkew() throws Exception {
        verifier.verify(keys.sign(c -> c.expirationTime(Date.from(NOW.minusSeconds(30)))));
    }

    @Test
    void rejectsExpiredToken() {
        rejected(keys.sign(c -> c.expirationTime(Date.from(NOW.minusSeconds(61)))), "expired");
    }

    @Test
    void rejectsTokenWithoutExpiry() {
        rejected(keys.sign(c -> c.expirationTime(null)), "no exp");
    }

    @Test
    void rejectsTokenIssuedInTheFuture() {
        rejected(keys.sign(c -> c.issueTime(Date.from(NOW.plusSeconds(120)))), "iat is in the future");
    }

    @Test
    void rejectsTokenNotValidYet() {
        rejected(keys.sign(c -> c.notBeforeTime(Date.from(NOW.plusSeconds(120)))), "nbf is in the future");
    }

    @Test
    void rejectsWrongIssuer() {
        rejected(keys.sign(c -> c.issuer("evil.example")), "iss is 'evil.example'");
    }

    @Test
    void rejectsWrongSubject() {
        rejected(keys.sign(c -> c.subject("#P_slurm")), "sub is '#P_slurm'");
    }

    @Test
    void rejectsWrongOrMissingRole() {
        rejected(keys.sign(c -> c.claim("role", "PROVIDER")), "role is 'PROVIDER'");
        rejected(keys.sign(c -> c.claim("role", null)), "role is missing");
    }

    @Test
    void rejectsNonStringUserContext() {
        rejected(keys.sign(c -> c.claim("ucloudUser", 42)), "ucloudUser");
        rejected(keys.sign(c -> c.claim("ucloudUser", "")), "ucloudUser");
    }

    @Test
    void rejectsTokenSignedByAnotherKey() {
        String forged = TestKeys.sign(TestKeys.generate(), keys.coreClaims().build());
        rejected(forged, "bad signature");
    }

    @Test
    void rejectsTamperedPayload() {
        String[] parts = keys.sign(c -> c).split("\\.");
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                keys.coreClaims().claim("ucloudUser", "root").build().toString().getBytes());
        rejected(parts[0] + "." + payload + "." + parts[2], "bad signature");
    }

    @Test
    void rejectsAlgNone() {
        String unsigned = new PlainJWT(new PlainHeader(), keys.coreClaims().build()).serialize();
        rejected(unsigned, "alg none");
    }

    @Test
    void rejectsAlgNoneDisguisedWithSignaturePart() {
        String[] parts = new PlainJWT(new PlainHeader(), keys.coreClaims().build()).serialize().split("\\.");
        rejected(parts[0] + "." + parts[1] + ".c2lnbmF0dXJl", "");
    }

    @Test
    void rejectsHs256SignedWithThePublicKeyAsSecret() throws Exception {
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), keys.coreClaims().build());
        jwt.sign(new MACSigner(keys.publicKey().getEncoded()));
        rejected(jwt.serialize(), "HS256 is not accepted");
    }

    @Test
    void rejectsMalformedTokens() {
        rejected("not-a-jwt", "malformed");
        rejected("a.b.c", "malformed");
        rejected("", "no bearer token");
        rejected(null, "no bearer token");
        rejected("x".repeat(20_000), "longer than");
    }

    private void rejected(String token, String reason) {
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(TokenRejected.class).hasMessageContaining(reason);
    }

}
