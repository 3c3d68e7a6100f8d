package dk.sdu.im.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Uploads and downloads (section {@code transfers}): how long the capability URLs that IM/User hands to
 * browsers stay usable (DESIGN 4.7). A URL is bound to one user, one file and one operation either way.
 *
 * @param downloadLinkLifetime how long a download URL works (Range requests may resume it meanwhile);
 *     1 to 10080 minutes. Default: 10 minutes.
 * @param uploadLinkLifetime how long an upload URL works, so also how long an interrupted CHUNKED upload can be
 *     resumed; its partial file is deleted afterwards. 1 to 10080 minutes. Default: 60 minutes.
 */
public record TransfersConfig(Duration downloadLinkLifetime, Duration uploadLinkLifetime) {
    static final Keys KEYS = Keys.of("downloadLinkMinutes", "uploadLinkMinutes");
    static final TransfersConfig DEFAULTS = new TransfersConfig(Duration.ofMinutes(10), Duration.ofMinutes(60));

    public TransfersConfig {
        Objects.requireNonNull(downloadLinkLifetime, "downloadLinkLifetime");
        Objects.requireNonNull(uploadLinkLifetime, "uploadLinkLifetime");
        if (!downloadLinkLifetime.isPositive() || !uploadLinkLifetime.isPositive()) {
            throw new IllegalArgumentException("link lifetimes must be positive");
        }
    }

    static TransfersConfig read(YamlSection yaml) throws ConfigException {
        return new TransfersConfig(Duration.ofMinutes(yaml.integer("downloadLinkMinutes", 10, 1, 10080)),
                Duration.ofMinutes(yaml.integer("uploadLinkMinutes", 60, 1, 10080)));
    }
}
