package dk.sdu.im.user.transfer;

import dk.sdu.im.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The capability tokens of one IM/User instance (DESIGN 4.7): the secrets in the browser-facing upload and
 * download URLs, which carry no other credentials.
 *
 * <p>A token is 256 bits from the injected {@link SecureRandom}, written as URL-safe base64 without padding
 * (43 characters). It is bound to one {@link Capability}: one UCloud user, one file, one {@link Operation}, an
 * expiry. It can be redeemed any number of times until it expires (decision 4: a browser resumes a download
 * with a new Range request on the same URL); afterwards it is gone.
 *
 * <p>Tokens live only in the memory of this instance. IM/User is one process per user, so a token issued
 * for alice exists only in alice's instance: another user's instance never issued it and can never redeem it,
 * whatever URL it is sent; and a restarted instance has forgotten every token (the user asks UCloud again).
 *
 * <p>Lookup is constant-time with respect to the secret: the map is keyed by the SHA-256 of the token, and
 * keys compare with {@link MessageDigest#isEqual}. The time a lookup takes can depend only on the digest of
 * the presented string, which tells an attacker nothing about any stored token (finding a token from its
 * digest is a preimage attack), so there is no prefix to learn by timing. Storing digests also keeps usable
 * tokens out of heap dumps.
 *
 * <p>The map is bounded: expired entries are dropped when they are met and whenever the map is full; if it is
 * still full, {@link #issue} refuses with 429 rather than grow. Thread-safe.
 */
public final class CapabilityTokens {
    /** How many live tokens one instance keeps by default. */
    public static final int DEFAULT_MAX_TOKENS = 10_000;
    static final int TOKEN_BYTES = 32;
    private static final int MAX_TOKEN_CHARS = 128;

    private final Clock clock;
    private final SecureRandom random;
    private final int maxTokens;
    private final ConcurrentMap<Key, Capability> live = new ConcurrentHashMap<>();
    private final Object issuing = new Object();

    public CapabilityTokens(Clock clock, SecureRandom random) {
        this(clock, random, DEFAULT_MAX_TOKENS);
    }

    public CapabilityTokens(Clock clock, SecureRandom random, int maxTokens) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
        }
        this.maxTokens = maxTokens;
    }

    /**
     * A new token for {@code capability}, which must not have expired yet. Throws ApiException 429 when
     * {@code maxTokens} unexpired tokens exist already.
     */
    public String issue(Capability capability) {
        Objects.requireNonNull(capability, "capability");
        if (!capability.validAt(clock.instant())) {
            throw new IllegalArgumentException("the capability has already expired: " + capability.expires());
        }
        synchronized (issuing) {
            if (live.size() >= maxTokens) {
                purgeExpired();
            }
            if (live.size() >= maxTokens) {
                throw ApiException.of(429, "Too many downloads and uploads are open at once (at most " + maxTokens
                        + "); try again when some of them have expired", null);
            }
            while (true) {
                String token = newToken();
                if (live.putIfAbsent(Key.of(token), capability) == null) {
                    return token;
                }
            }
        }
    }

    /**
     * The capability of {@code token} if it was issued here, is meant for {@code op} and has not expired;
     * empty otherwise (the caller answers the same for every case, so nothing is revealed).
     */
    public Optional<Capability> redeem(String token, Operation op) {
        Objects.requireNonNull(op, "op");
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        Key key = Key.of(token);
        Capability capability = live.get(key);
        if (capability == null) {
            return Optional.empty();
        }
        if (!capability.validAt(clock.instant())) {
            live.remove(key, capability);
            return Optional.empty();
        }
        return capability.op() == op ? Optional.of(capability) : Optional.empty();
    }

    /** Forgets {@code token} at once (an upload the browser ended with CLOSE); unknown tokens are ignored. */
    public void revoke(String token) {
        if (token != null && !token.isEmpty() && token.length() <= MAX_TOKEN_CHARS) {
            live.remove(Key.of(token));
        }
    }

    /** Drops every expired token; returns how many. Runs by itself when the map is full. */
    public int purgeExpired() {
        var now = clock.instant();
        int before = live.size();
        live.values().removeIf(capability -> !capability.validAt(now));
        return Math.max(0, before - live.size());
    }

    /** How many tokens are kept, expired ones not yet purged included. */
    int size() {
        return live.size();
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of a token; equality is {@link MessageDigest#isEqual}, which takes the same time for any two digests. */
    private record Key(byte[] digest) {
        static Key of(String token) {
            try {
                return new Key(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && MessageDigest.isEqual(digest, key.digest);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(digest);
        }

        @Override
        public String toString() {
            return "Key[sha256]";
        }
    }
}
