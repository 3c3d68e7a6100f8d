package dk.sdu.im.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Uploads and downloads (section {@code transfers}): how long the capability URLs that IM/User hands to
 * browsers stay usable (DESIGN 4.7). A URL is bound to one user, one file and one operation either way.
 *
 * @param downloadLinkLifetime how long a download URL works (Range requests may resume it meanwhile);
 *     5 seconds to 7 days. Default: 600 seconds.
 * @param uploadLinkLifetime how long an upload URL works, so also how long an interrupted CHUNKED upload can be
 *     resumed; its partial file is deleted afterwards. 5 seconds to 7 days. Default: 3600 seconds.
 */
public record TransfersConfig(Duration downloadLinkLifetime, Duration uploadLinkLifetime) {
    static final Keys KEYS = Keys.of("downloadLinkSeconds", "uploadLinkSeconds");
    private static final int WEEK_SECONDS = 7 * 24 * 3600;
    static final TransfersConfig DEFAULTS = new TransfersConfig(Duration.ofMinutes(10), Duration.ofMinutes(60));

    public TransfersConfig {
        Objects.requireNonNull(downloadLinkLifetime, "downloadLinkLifetime");
        Objects.requireNonNull(uploadLinkLifetime, "uploadLinkLifetime");
        if (!downloadLinkLifetime.isPositive() || !uploadLinkLifetime.isPositive()) {
            throw new IllegalArgumentException("link lifetimes must be positive");
        }
    }

    static TransfersConfig read(YamlSection yaml) throws ConfigException {
        return new TransfersConfig(Duration.ofSeconds(yaml.integer("downloadLinkSeconds", 600, 5, WEEK_SECONDS)),
                Duration.ofSeconds(yaml.integer("uploadLinkSeconds", 3600, 5, WEEK_SECONDS)));
    }
}
