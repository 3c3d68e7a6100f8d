package dk.sdu.im.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Verifies the JWT Core puts on every call (contract 2.2): RS256 only, signed with UCloud's key for this
 * provider, {@code iss} as configured, {@code sub "_UCloud"}, {@code role "SERVICE"}, {@code exp} present and
 * not passed, {@code iat} and {@code nbf} (when present) not in the future, all within a small clock skew.
 * The optional {@code ucloudUser} claim names the user context (decision 1). {@code aud} is not checked,
 * as in UCloud's own module.
 *
 * <p>Every rejection carries a reason for the log; the client only ever sees "Unauthorized". Thread-safe.
 */
public final class CoreTokenVerifier {
    /** Longer than any token Core mints; bounds the parser's work on hostile input. */
    private static final int MAX_TOKEN_CHARS = 16 * 1024;
    static final String USER_CLAIM = "ucloudUser";
    /** Well formed, RS256, signed with all ones and expired in 1970: fails verification at two steps. */
    static final String REHEARSAL_TOKEN = rehearsalToken();

    private final RSASSAVerifier signatureVerifier;
    private final String issuer;
    private final Duration skew;
    private final Clock clock;

    public CoreTokenVerifier(RSAPublicKey ucloudKey, String issuer, Duration skew, Clock clock) {
        this.signatureVerifier = new RSASSAVerifier(ucloudKey);
        this.issuer = issuer;
        this.skew = skew;
        this.clock = clock;
    }

    /** Verifies a bearer token (without the "Bearer " prefix). */
    public VerifiedToken verify(String token) throws TokenRejected {
        if (token == null || token.isBlank()) {
            throw new TokenRejected("no bearer token");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new TokenRejected("token longer than " + MAX_TOKEN_CHARS + " characters");
        }
        SignedJWT jwt = parseSigned(token);
        checkSignature(jwt);
        return checkClaims(claimsOf(jwt));
    }

    /**
     * Runs every step of {@link #verify} once on a built-in token that fails them (bad signature, stale claims),
     * so that a fresh process has loaded and linked the code before its first real request; the outcome is
     * discarded. Trust: the rehearsal token can never verify, and nothing is remembered from it.
     */
    public void rehearse() {
        try {
            SignedJWT jwt = parseSigned(REHEARSAL_TOKEN);
            try {
                checkSignature(jwt);
            } catch (TokenRejected expected) {
                // a signature of ones is never valid
            }
            checkClaims(claimsOf(jwt));
        } catch (TokenRejected expected) {
            // expired in 1970
        }
    }

    private static String rehearsalToken() {
        var base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        byte[] signature = new byte[256];
        java.util.Arrays.fill(signature, (byte) 1);
        return base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + base64.encodeToString(("{\"iss\":\"-\",\"sub\":\"_UCloud\",\"role\":\"SERVICE\",\"ucloudUser\":\"-\","
                + "\"iat\":0,\"exp\":1}").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + base64.encodeToString(signature);
    }

    private static SignedJWT parseSigned(String token) throws TokenRejected {
        try {
            if (JWTParser.parse(token) instanceof SignedJWT signed) {
                return signed;
            }
            throw new TokenRejected("unsigned or encrypted token (alg none is never accepted)");
        } catch (ParseException e) {
            throw new TokenRejected("malformed token: " + e.getMessage());
        }
    }

    private void checkSignature(SignedJWT jwt) throws TokenRejected {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!JWSAlgorithm.RS256.equals(alg)) {
            throw new TokenRejected("algorithm " + alg + " is not accepted, only RS256");
        }
        try {
            if (!jwt.verify(signatureVerifier)) {
                throw new TokenRejected("bad signature");
            }
        } catch (JOSEException e) {
            throw new TokenRejected("signature check failed: " + e.getMessage());
        }
    }

    private static JWTClaimsSet claimsOf(SignedJWT jwt) throws TokenRejected {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenRejected("malformed claims: " + e.getMessage());
        }
    }

    private VerifiedToken checkClaims(JWTClaimsSet claims) throws TokenRejected {
        requireEqual("iss", issuer, claims.getIssuer());
        requireEqual("sub", "_UCloud", claims.getSubject());
        requireEqual("role", "SERVICE", stringClaim(claims, "role"));
        Instant now = clock.instant();
        Instant expiresAt = instant(claims.getExpirationTime());
        if (expiresAt == null) {
            throw new TokenRejected("no exp claim");
        }
        if (now.isAfter(expiresAt.plus(skew))) {
            throw new TokenRejected("expired at " + expiresAt);
        }
        notInFuture("iat", instant(claims.getIssueTime()), now);
        notInFuture("nbf", instant(claims.getNotBeforeTime()), now);
        return new VerifiedToken(userContext(claims), expiresAt);
    }

    private void notInFuture(String claim, Instant value, Instant now) throws TokenRejected {
        if (value != null && value.isAfter(now.plus(skew))) {
            throw new TokenRejected(claim + " is in the future (" + value + ")");
        }
    }

    private static Optional<String> userContext(JWTClaimsSet claims) throws TokenRejected {
        Object value = claims.getClaim(USER_CLAIM);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String user) || user.isBlank()) {
            throw new TokenRejected(USER_CLAIM + " claim is not a non-empty string");
        }
        return Optional.of(user);
    }

    private static String stringClaim(JWTClaimsSet claims, String name) throws TokenRejected {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw new TokenRejected(name + " claim is not a string");
        }
    }

    private static void requireEqual(String claim, String expected, String actual) throws TokenRejected {
        if (!expected.equals(actual)) {
            throw new TokenRejected(claim + " is " + (actual == null ? "missing" : "'" + actual + "'")
                    + ", expected '" + expected + "'");
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** What a verified token says: the user context, if any, and when it expires. */
    public record VerifiedToken(Optional<String> ucloudUser, Instant expiresAt) {
    }

    /** The token was not accepted; {@link #getMessage()} says why, for the log only. */
    public static final class TokenRejected extends Exception {
        public TokenRejected(String reason) {
            super(reason);
        }
    }
}
