package dk.sdu.im.testkit.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The providers Core knows, each with its RSA-2048 key pair and refresh token (contract 2.1), and how
 * often each refreshed. Thread-safe (monitor).
 */
final class ProviderRegistry {
    private final String issuer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Provider> providers = new HashMap<>();
    private final Map<String, Integer> refreshCounts = new HashMap<>();

    ProviderRegistry(String issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    synchronized Provider register(String providerId) {
        if (providerId == null || providerId.isBlank()) {
            throw new IllegalArgumentException("provider id must not be blank");
        }
        if (providers.containsKey(providerId)) {
            throw new IllegalArgumentException("provider already registered: " + providerId);
        }
        CoreTokens tokens = CoreTokens.withNewKey(issuer, clock, random);
        String publicKey = Base64.getEncoder().encodeToString(tokens.keyPair().getPublic().getEncoded());
        Provider provider = new Provider(providerId, refreshToken(), publicKey, tokens);
        providers.put(providerId, provider);
        return provider;
    }

    synchronized Optional<Provider> find(String providerId) {
        return Optional.ofNullable(providers.get(providerId));
    }

    /** Looks up by refresh token, comparing in constant time, and counts the refresh. */
    synchronized Optional<Provider> refresh(String refreshToken) {
        byte[] presented = refreshToken.getBytes(StandardCharsets.UTF_8);
        for (Provider provider : providers.values()) {
            if (MessageDigest.isEqual(presented, provider.refreshToken().getBytes(StandardCharsets.UTF_8))) {
                refreshCounts.merge(provider.id(), 1, Integer::sum);
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }

    synchronized int refreshCount(String providerId) {
        return refreshCounts.getOrDefault(providerId, 0);
    }

    private String refreshToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
