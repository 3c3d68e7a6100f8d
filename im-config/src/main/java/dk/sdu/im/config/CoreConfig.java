package dk.sdu.im.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach and trust UCloud Core (section {@code core}).
 *
 * @param url UCloud Core's address; callbacks go here. Absolute http or https URL, no trailing
 *     {@code /}. Required.
 * @param publicUrl where browsers are sent back after connecting an account. Default: {@code url}.
 * @param publicKeyFile UCloud's public key for verifying its JWTs; absolute (a relative path in the file
 *     is resolved against the configuration directory). Default: {@code ucloud_key.pub} in the
 *     configuration directory. Not checked for existence here; the verifier reads it.
 * @param issuer the expected {@code iss} claim of UCloud's JWTs; no whitespace. Default: {@code cloud.sdu.dk}.
 * @param clockSkew tolerated clock difference when checking token times; 0 to 300 s
 *     ({@code clockSkewSeconds}). Default: 60 s.
 * @param userContext where a user call's user context comes from (contract decision 1): {@code auto}, {@code required}
 *     or {@code header} ({@code userContext}). Default: {@link UserContext#AUTO}.
 * @param caFile PEM file of CA certificates that IM/Server trusts for its HTTPS calls to {@code url}, in addition to
 *     the JDK's default trust store (for a test site whose UCloud has a private CA); absolute, resolved like
 *     {@code publicKeyFile}. Not checked here; IM/Server reads it at start-up. Default: none, the default trust only.
 */
public record CoreConfig(URI url, URI publicUrl, Path publicKeyFile, String issuer, Duration clockSkew,
                         UserContext userContext, Optional<Path> caFile) {
    static final Keys KEYS = Keys.of("url", "publicUrl", "publicKeyFile", "issuer", "clockSkewSeconds", "userContext",
            "caFile")
            .retired("trustUsernameHeader", "it was replaced by core.userContext. Remove it: the default, userContext: auto,"
                    + " serves today's UCloud, which puts no user in its tokens; trustUsernameHeader: true is userContext: header");
    static final int MAX_CLOCK_SKEW_SECONDS = 300;

    public CoreConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(publicKeyFile, "publicKeyFile");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(userContext, "userContext");
        Objects.requireNonNull(caFile, "caFile");
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofSeconds(MAX_CLOCK_SKEW_SECONDS)) > 0) {
            throw new IllegalArgumentException("clockSkew must be between 0 and " + MAX_CLOCK_SKEW_SECONDS + " s");
        }
    }

    /** Trusting the default trust store only. */
    public CoreConfig(URI url, URI publicUrl, Path publicKeyFile, String issuer, Duration clockSkew,
                      UserContext userContext) {
        this(url, publicUrl, publicKeyFile, issuer, clockSkew, userContext, Optional.empty());
    }

    static CoreConfig read(YamlSection yaml, Path configDirectory) throws ConfigException {
        URI url = yaml.value("url", new HttpUrl());
        return new CoreConfig(
                url,
                yaml.optionalValue("publicUrl", new HttpUrl()).orElse(url),
                yaml.optionalValue("publicKeyFile", new ResolvedPath(configDirectory))
                        .orElse(configDirectory.resolve("ucloud_key.pub")),
                yaml.optionalValue("issuer", CoreConfig::issuer).orElse("cloud.sdu.dk"),
                Duration.ofSeconds(yaml.integer("clockSkewSeconds", 60, 0, MAX_CLOCK_SKEW_SECONDS)),
                yaml.choice("userContext", Choices.lowerCase(UserContext.values()), UserContext.AUTO),
                yaml.optionalValue("caFile", new ResolvedPath(configDirectory)));
    }

    /**
     * Whether a user call must carry the {@code ucloudUser} claim. Today's Core sends only the {@code ucloud-username}
     * header; the claim, once UCloud sends it, stops a token of one user (or a system call's token) from being
     * replayed to another user's instance.
     */
    public enum UserContext {
        /** The header names the user until a user call with the claim has been seen once; from then on it is required. */
        AUTO,
        /** Every user call must carry the claim. */
        REQUIRED,
        /** The claim is never required; the header alone names the user (processes warn at start-up). */
        HEADER
    }

    private static String issuer(String text) throws InvalidValue {
        if (!text.codePoints().allMatch(c -> c > ' ' && !Character.isWhitespace(c) && !Character.isISOControl(c))) {
            throw new InvalidValue("must not contain spaces or control characters",
                    "Write the issuer exactly as UCloud puts it in its tokens, e.g. cloud.sdu.dk.");
        }
        return text;
    }
}
