package dk.sdu.im.config;

import static dk.sdu.im.config.ConfigFixture.MINIMAL;
import static dk.sdu.im.config.ConfigFixture.assertAt;
import static dk.sdu.im.config.ConfigFixture.load;
import static dk.sdu.im.config.ConfigFixture.loadError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Section {@code gateway.limits}: the embedded gateway's limits per client, each optional and range-checked. */
class GatewayLimitsConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsWithoutTheSection() throws ConfigException {
        assertThat(load(dir, MINIMAL).gateway().limits()).isEqualTo(new GatewayLimits(10_000, 256, 100, 8192,
                Duration.ofSeconds(20), Duration.ofSeconds(60)));
    }

    @Test
    void readsEveryLimit() throws ConfigException {
        GatewayLimits limits = load(dir, MINIMAL + """
                gateway:
                  limits:
                    maxConnections: 2000
                    maxConnectionsPerAddress: 50
                    maxHeaderFields: 64
                    maxRequestLineBytes: 4096
                    headSeconds: 10
                    keepAliveSeconds: 30
                """).gateway().limits();

        assertThat(limits).isEqualTo(new GatewayLimits(2000, 50, 64, 4096, Duration.ofSeconds(10), Duration.ofSeconds(30)));
    }

    @Test
    void refusesAKeepAliveBeyondTheIdleTimeoutWithLineAndColumn() {
        ConfigException error = loadError(dir, MINIMAL + "gateway:\n  limits:\n    keepAliveSeconds: 301\n");

        assertAt(error, 15, 23);
        assertThat(error.problem()).startsWith("gateway.limits.keepAliveSeconds must be between 1 and 300, but is 301.");
    }

    @Test
    void refusesARequestLineLongerThanTheHeadAndAnUnknownKey() {
        assertAt(loadError(dir, MINIMAL + "gateway:\n  limits:\n    maxRequestLineBytes: 70000\n"), 15, 26);
        assertThat(loadError(dir, MINIMAL + "gateway:\n  limits:\n    maxHeaders: 5\n").problem()).contains("maxHeaderFields");
    }
}
