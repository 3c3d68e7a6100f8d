package dk.sdu.im.testkit.core;

import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Mints the JWT that Core sends to a provider (contract 2.2): RS256 with the provider's own key, header
 * {@code {"alg":"RS256","typ":"JWT"}}, claims {@code iss}, {@code sub "_UCloud"}, {@code role "SERVICE"},
 * {@code principalType "service"}, {@code aud ["all:write"]}, {@code iat} and {@code exp = iat + 600}
 * seconds from the injected clock. Today's Core signs exactly these for every call, system or user: the user of a
 * user call travels in the {@code ucloud-username} header only. {@link #tokenWithUserClaim} adds the
 * {@code ucloudUser} claim of the seed design (project decision 1), for tests of {@code core.userContext}.
 *
 * <p>Immutable and thread-safe. It holds the provider's private key, so tests can also forge tokens
 * ({@link #mint}, {@link #keyPair()}).
 */
public final class CoreTokens {
    /** Core's fixed lifetime for the tokens it sends to providers. */
    public static final Duration LIFETIME = Duration.ofSeconds(600);
    /** The claim naming the UCloud user of a call in the seed design (project decision 1); today's Core omits it. */
    public static final String USER_CLAIM = "ucloudUser";

    private final KeyPair keyPair;
    private final String issuer;
    private final Clock clock;

    private CoreTokens(KeyPair keyPair, String issuer, Clock clock) {
        this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Tokens signed with {@code keyPair}'s RSA private key; usable without a running FakeCore. */
    public static CoreTokens create(KeyPair keyPair, String issuer, Clock clock) {
        return new CoreTokens(keyPair, issuer, clock);
    }

    /**
     * Tokens signed with a new 2048-bit RSA key, as Core makes one for each provider it registers; for a test that
     * needs Core's tokens and no particular key ({@link #keyPair()} gives the public half to verify with).
     */
    public static CoreTokens withNewKey(String issuer, Clock clock, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            return new CoreTokens(generator.generateKeyPair(), issuer, clock);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    /** The token today's Core sends with every call, system or user: no {@code ucloudUser} claim. */
    public String serviceToken() {
        return mint(UnaryOperator.identity());
    }

    /** A user call's token as the seed design has Core sign it: with {@code ucloudUser} (e.g. {@code alice#1234}). */
    public String tokenWithUserClaim(String ucloudUser) {
        Objects.requireNonNull(ucloudUser, "ucloudUser");
        return mint(claims -> claims.claim(USER_CLAIM, ucloudUser));
    }

    /**
     * Starts from the standard service claims and lets {@code customise} change or remove any of them
     * ({@code builder.claim("exp", null)} removes a claim). Still signed with the provider's key.
     */
    public String mint(UnaryOperator<JWTClaimsSet.Builder> customise) {
        return Rs256.sign(customise.apply(standardClaims()).build(), keyPair.getPrivate());
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    public String issuer() {
        return issuer;
    }

    private JWTClaimsSet.Builder standardClaims() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("_UCloud")
                .claim("role", "SERVICE")
                .claim("principalType", "service")
                .claim(JWTClaimNames.AUDIENCE, List.of("all:write"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)));
    }

    @Override
    public String toString() {
        return "CoreTokens[issuer=" + issuer + "]";
    }
}
