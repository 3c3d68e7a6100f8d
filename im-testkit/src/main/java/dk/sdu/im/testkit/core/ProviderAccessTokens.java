package dk.sdu.im.testkit.core;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

/**
 * The provider's side of Core's auth (contract 2.3): mints the access token returned by
 * {@code /auth/providers/refresh} and verifies it on every {@code /api/...} call. The token is RS256 with
 * the provider's own key, {@code sub "#P_<id>"}, {@code role "PROVIDER"}, {@code principalType "provider"},
 * {@code aud ["all:write"]}, {@code exp = iat + lifetime}. Verification is strict and uses no clock skew:
 * signature by the provider named in {@code sub}, issuer, role, {@code exp} present and in the future,
 * {@code nbf} (if any) not in the future. Any failure is the same 401.
 */
final class ProviderAccessTokens {
    private static final String SUBJECT_PREFIX = "#P_";
    private static final String BEARER = "bearer ";

    private final ProviderRegistry registry;
    private final String issuer;
    private final Clock clock;
    private final Duration lifetime;

    ProviderAccessTokens(ProviderRegistry registry, String issuer, Clock clock, Duration lifetime) {
        this.registry = registry;
        this.issuer = issuer;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    String mint(Provider provider) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(SUBJECT_PREFIX + provider.id())
                .claim("role", "PROVIDER")
                .claim("principalType", "provider")
                .claim(JWTClaimNames.AUDIENCE, List.of("all:write"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        return Rs256.sign(claims, provider.tokens().keyPair().getPrivate());
    }

    /** The provider id the {@code Authorization} header proves, or a 401. */
    String authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw CoreError.unauthorized();
        }
        try {
            return verify(SignedJWT.parse(authorizationHeader.substring(BEARER.length()).trim()));
        } catch (CoreError e) {
            throw e;
        } catch (ParseException | JOSEException | RuntimeException e) {
            throw CoreError.unauthorized(); // malformed token, wrong key type, bad claim types: all the same 401
        }
    }

    private String verify(SignedJWT jwt) throws ParseException, JOSEException {
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        String subject = claims.getSubject();
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                || subject == null || !subject.startsWith(SUBJECT_PREFIX)) {
            throw CoreError.unauthorized();
        }
        Provider provider = registry.find(subject.substring(SUBJECT_PREFIX.length()))
                .orElseThrow(CoreError::unauthorized);
        if (!jwt.verify(new RSASSAVerifier((RSAPublicKey) provider.tokens().keyPair().getPublic()))) {
            throw CoreError.unauthorized();
        }
        checkClaims(claims);
        return provider.id();
    }

    private void checkClaims(JWTClaimsSet claims) throws ParseException {
        Date now = Date.from(clock.instant());
        Date expires = claims.getExpirationTime();
        Date notBefore = claims.getNotBeforeTime();
        boolean valid = issuer.equals(claims.getIssuer())
                && "PROVIDER".equals(claims.getStringClaim("role"))
                && expires != null && now.before(expires)
                && (notBefore == null || !now.before(notBefore));
        if (!valid) {
            throw CoreError.unauthorized();
        }
    }
}
