package dk.sdu.im.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

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
 * @param trustUsernameHeader compatibility with a Core that sends no {@code ucloudUser} claim: trust the
 *     {@code ucloud-username} header alone. Default: {@code false}; processes log a warning when on.
 */
public record CoreConfig(URI url, URI publicUrl, Path publicKeyFile, String issuer, Duration clockSkew,
                         boolean trustUsernameHeader) {
    static final Keys KEYS = Keys.of("url", "publicUrl", "publicKeyFile", "issuer", "clockSkewSeconds",
            "trustUsernameHeader");
    static final int MAX_CLOCK_SKEW_SECONDS = 300;

    public CoreConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(publicKeyFile, "publicKeyFile");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofSeconds(MAX_CLOCK_SKEW_SECONDS)) > 0) {
            throw new IllegalArgumentException("clockSkew must be between 0 and " + MAX_CLOCK_SKEW_SECONDS + " s");
        }
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
                yaml.bool("trustUsernameHeader", false));
    }

    private static String issuer(String text) throws InvalidValue {
        if (!text.codePoints().allMatch(c -> c > ' ' && !Character.isWhitespace(c) && !Character.isISOControl(c))) {
            throw new InvalidValue("must not contain spaces or control characters",
                    "Write the issuer exactly as UCloud puts it in its tokens, e.g. cloud.sdu.dk.");
        }
        return text;
    }
}
