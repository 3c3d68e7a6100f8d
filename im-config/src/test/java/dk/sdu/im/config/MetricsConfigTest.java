package dk.sdu.im.config;

import static dk.sdu.im.config.ConfigFixture.HEAD;
import static dk.sdu.im.config.ConfigFixture.MINIMAL;
import static dk.sdu.im.config.ConfigFixture.PRODUCTS;
import static dk.sdu.im.config.ConfigFixture.assertAt;
import static dk.sdu.im.config.ConfigFixture.load;
import static dk.sdu.im.config.ConfigFixture.loadError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Section {@code server.metrics}: absent means no listener; present, it binds loopback only. */
class MetricsConfigTest {
    @TempDir
    Path dir;

    @Test
    void absentSectionMeansNoListener() throws ConfigException {
        assertThat(load(dir, MINIMAL).server().metrics()).isEmpty();
    }

    @Test
    void portAloneBindsLoopbackIpv4() throws ConfigException {
        ImConfig config = load(dir, HEAD + """
                server:
                  metrics:
                    port: 9464
                """ + PRODUCTS);

        assertThat(config.server().metrics()).contains(new MetricsConfig("127.0.0.1", 9464));
    }

    @Test
    void ipv6LoopbackIsAccepted() throws ConfigException {
        ImConfig config = load(dir, HEAD + """
                server:
                  metrics: {host: "::1", port: 0}
                """ + PRODUCTS);

        assertThat(config.server().metrics().map(MetricsConfig::host)).isEqualTo(Optional.of("0:0:0:0:0:0:0:1"));
    }

    @Test
    void publicMetricsAddressIsRefusedAtItsLine() {
        ConfigException error = loadError(dir, HEAD + """
                server:
                  metrics:
                    host: 0.0.0.0
                    port: 9464
                """ + PRODUCTS);

        assertAt(error, 8, 11);
        assertThat(error.problem()).startsWith("server.metrics.host must be a loopback address");
    }

    @Test
    void sectionWithoutPortSaysWhatIsMissing() {
        ConfigException error = loadError(dir, HEAD + """
                server:
                  metrics:
                    host: 127.0.0.1
                """ + PRODUCTS);

        assertThat(error.problem()).contains("server.metrics needs a port");
    }

    @Test
    void recordRefusesAPublicAddressBuiltByHand() {
        assertThatThrownBy(() -> new MetricsConfig("10.0.0.1", 9464)).isInstanceOf(IllegalArgumentException.class);
    }
}
