package dk.sdu.im.user.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dk.sdu.im.api.ApiException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DESIGN 4.7: capability tokens are random, bound, expiring, and known only to the instance that issued them. */
class CapabilityTokensTest {
    static final Instant START = Instant.parse("2026-08-21T10:00:00Z");
    final MutableClock clock = new MutableClock(START);
    final CapabilityTokens tokens = new CapabilityTokens(clock, new SecureRandom());

    static Capability download(String user, Instant expires) {
        return new Capability(user, "/12/report.pdf", Path.of("/home/alice/report.pdf"), Operation.DOWNLOAD, expires);
    }

    Capability aliceForTenMinutes() {
        return download("alice#1234", START.plus(Duration.ofMinutes(10)));
    }

    @Test
    void tokenIs256BitsOfUrlSafeBase64WithoutPadding() {
        String token = tokens.issue(aliceForTenMinutes());

        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
    }

    @Test
    void everyTokenBitComesFromTheInjectedRandom() {
        byte[] fixed = new byte[32];
        for (int i = 0; i < fixed.length; i++) {
            fixed[i] = (byte) (i * 37 + 11);
        }
        var fromFixed = new CapabilityTokens(clock, new FixedRandom(fixed));

        assertThat(fromFixed.issue(aliceForTenMinutes()))
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(fixed));
    }

    @Test
    void manyTokensAreAllDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            seen.add(tokens.issue(aliceForTenMinutes()));
        }
        assertThat(seen).hasSize(5_000);
    }

    @Test
    void tokenIsReusableWithinItsLifetime() {
        Capability capability = aliceForTenMinutes();
        String token = tokens.issue(capability);

        for (int i = 0; i < 3; i++) {
            assertThat(tokens.redeem(token, Operation.DOWNLOAD)).contains(capability);
            clock.advance(Duration.ofMinutes(3));
        }
    }

    @Test
    void tokenExpiresAtItsExpiryInstantAndIsThenForgotten() {
        String token = tokens.issue(aliceForTenMinutes());

        clock.advance(Duration.ofMinutes(10).minusNanos(1));
        assertThat(tokens.redeem(token, Operation.DOWNLOAD)).isPresent();
        clock.advance(Duration.ofNanos(1));
        assertThat(tokens.redeem(token, Operation.DOWNLOAD)).isEmpty();
        assertThat(tokens.size()).isZero();
        clock.advance(Duration.ofDays(-1));
        assertThat(tokens.redeem(token, Operation.DOWNLOAD)).isEmpty();
    }

    @Test
    void tokenForAnotherOperationIsRefusedButStaysValidForItsOwn() {
        String token = tokens.issue(aliceForTenMinutes());

        assertThat(tokens.redeem(token, Operation.UPLOAD)).isEmpty();
        assertThat(tokens.redeem(token, Operation.DOWNLOAD)).isPresent();
    }

    @Test
    void unknownMalformedAndOversizedTokensAreRefused() {
        String token = tokens.issue(aliceForTenMinutes());

        assertThat(tokens.redeem(null, Operation.DOWNLOAD)).isEmpty();
        assertThat(tokens.redeem("", Operation.DOWNLOAD)).isEmpty();
        assertThat(tokens.redeem(token.substring(1), Operation.DOWNLOAD)).isEmpty();
        assertThat(tokens.redeem(token + "A", Operation.DOWNLOAD)).isEmpty();
        assertThat(tokens.redeem(flipLastCharacter(token), Operation.DOWNLOAD)).isEmpty();
        assertThat(tokens.redeem("A".repeat(100_000), Operation.DOWNLOAD)).isEmpty();
    }

    @Test
    void tokenIssuedByAnotherUsersInstanceIsRefused() {
        var bobsInstance = new CapabilityTokens(clock, new SecureRandom());
        String bobsToken = bobsInstance.issue(download("bob#1", START.plus(Duration.ofMinutes(10))));

        assertThat(tokens.redeem(bobsToken, Operation.DOWNLOAD)).isEmpty();
        assertThat(bobsInstance.redeem(bobsToken, Operation.DOWNLOAD)).isPresent();
    }

    @Test
    void issuingBeyondTheCapIsRefusedWith429UntilTokensExpire() {
        var small = new CapabilityTokens(clock, new SecureRandom(), 3);
        for (int i = 0; i < 3; i++) {
            small.issue(download("alice#1234", START.plus(Duration.ofMinutes(1 + i))));
        }

        ApiException refused = catchThrowableOfType(ApiException.class, () -> small.issue(aliceForTenMinutes()));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.why()).contains("at most 3");

        clock.advance(Duration.ofMinutes(1));
        assertThat(small.issue(aliceForTenMinutes())).isNotEmpty();
        assertThat(small.size()).isEqualTo(3);
    }

    @Test
    void purgeDropsOnlyExpiredTokens() {
        tokens.issue(download("alice#1234", START.plus(Duration.ofMinutes(1))));
        String lasting = tokens.issue(aliceForTenMinutes());

        clock.advance(Duration.ofMinutes(5));
        assertThat(tokens.purgeExpired()).isEqualTo(1);
        assertThat(tokens.redeem(lasting, Operation.DOWNLOAD)).isPresent();
    }

    @Test
    void anAlreadyExpiredCapabilityIsNotIssued() {
        assertThatThrownBy(() -> tokens.issue(download("alice#1234", START)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String flipLastCharacter(String token) {
        char last = token.charAt(token.length() - 1);
        return token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    /** Returns the same bytes every time; only for a single issue. */
    private static final class FixedRandom extends SecureRandom {
        private final byte[] bytes;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }
}
