package dk.sdu.im.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.auth.CoreTokenVerifier;
import dk.sdu.im.api.auth.UCloudPublicKey;
import dk.sdu.im.config.CoreConfig;
import dk.sdu.im.db.ClaimSightings;
import dk.sdu.im.testkit.core.CoreTokens;
import dk.sdu.im.testkit.core.FakeCore;
import dk.sdu.im.testkit.core.Provider;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an instance's report of the claim is worth: only a token IM/Server verifies itself switches the rule. */
class UserContextClaimsTest {
    private final FakeCore core = FakeCore.start();
    private final Provider provider = core.registerProvider("slurm");
    private final RecordingSightings sightings = new RecordingSightings();

    @AfterEach
    void stop() {
        core.close();
    }

    private UserContextClaims auto() throws Exception {
        var verifier = new CoreTokenVerifier(UCloudPublicKey.parse(provider.publicKeyBase64()),
                FakeCore.Options.DEFAULT_ISSUER, Duration.ofSeconds(30), Clock.systemUTC());
        return UserContextClaims.open(CoreConfig.UserContext.AUTO, sightings, verifier);
    }

    @Test
    void aVerifiedTokenWithTheClaimSwitchesAndIsRecordedOnce() throws Exception {
        UserContextClaims claims = auto();
        AtomicInteger spread = new AtomicInteger();
        claims.rule().onSwitch(token -> spread.incrementAndGet());

        assertThat(claims.reported(provider.tokens().tokenWithUserClaim("alice#1"))).isTrue();
        assertThat(claims.reported(provider.tokens().tokenWithUserClaim("bob#2"))).isTrue();

        assertThat(claims.claimRequired()).isTrue();
        assertThat(sightings.records).hasValue(1);
        assertThat(spread).as("recorded, then spread, once").hasValue(1);
    }

    @Test
    void tokensThatDoNotProveTheClaimAreRefusedAndSwitchNothing() throws Exception {
        UserContextClaims claims = auto();
        var pair = KeyPairGenerator.getInstance("RSA");
        pair.initialize(2048);
        String forged = CoreTokens.create(pair.generateKeyPair(), FakeCore.Options.DEFAULT_ISSUER, Clock.systemUTC())
                .tokenWithUserClaim("alice#1");
        String expired = provider.tokens().mint(c -> c.claim("ucloudUser", "alice#1")
                .expirationTime(java.util.Date.from(Instant.now().minusSeconds(3600))));

        assertThat(claims.reported(forged)).as("signed by another key").isFalse();
        assertThat(claims.reported(expired)).as("expired").isFalse();
        assertThat(claims.reported(provider.tokens().serviceToken())).as("no claim").isFalse();
        assertThat(claims.reported("not.a.token")).isFalse();

        assertThat(claims.claimRequired()).isFalse();
        assertThat(sightings.records).hasValue(0);
    }

    @Test
    void aRecordedSightingStartsSwitched() throws Exception {
        sightings.first = Optional.of(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(auto().claimRequired()).isTrue();
    }

    private static final class RecordingSightings implements ClaimSightings {
        final AtomicInteger records = new AtomicInteger();
        volatile Optional<Instant> first = Optional.empty();

        @Override
        public Optional<Instant> firstSeen() {
            return first;
        }

        @Override
        public Instant record() {
            records.incrementAndGet();
            first = first.or(() -> Optional.of(Instant.now()));
            return first.orElseThrow();
        }
    }
}
