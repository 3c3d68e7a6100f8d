package dk.sdu.im.config;

import static dk.sdu.im.config.ConfigFixture.HEAD;
import static dk.sdu.im.config.ConfigFixture.PRODUCTS;
import static dk.sdu.im.config.ConfigFixture.assertAt;
import static dk.sdu.im.config.ConfigFixture.load;
import static dk.sdu.im.config.ConfigFixture.loadError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {
    @TempDir
    Path dir;

    @Test
    void theDefaultIsTheEmbeddedGatewayWithHaproxysDefaultsBesideTheStateDirectory() throws ConfigException {
        GatewayConfig gateway = load(dir, HEAD + PRODUCTS + "server:\n  stateDir: /srv/im\n").gateway();
        assertThat(gateway.type()).isEqualTo(GatewayConfig.Type.EMBEDDED);
        assertThat(gateway.haproxy()).isEqualTo(new HaproxyConfig(Path.of("/run/haproxy/ucloud-im.sock"),
                Path.of("/srv/im/haproxy-routes.map"), "haproxy", ":443", Path.of("/etc/haproxy/certs/ucloud-im.pem")));
        assertThat(new GatewayConfig("127.0.0.1", 8889).haproxy().mapFile()).isEqualTo(Path.of("/var/lib/ucloud-im/haproxy-routes.map"));
    }

    @Test
    void readsEveryHaproxySetting() throws ConfigException {
        GatewayConfig gateway = load(dir, HEAD + PRODUCTS + """
                gateway:
                  type: haproxy
                  host: 127.0.0.1
                  port: 0
                  haproxy:
                    runtimeSocket: /run/im/haproxy.sock
                    mapFile: routes.map
                    user: hapx
                    bind: "[::]:8443"
                    certificate: /etc/im/tls.pem
                """).gateway();
        assertThat(gateway.host()).isEqualTo("127.0.0.1");
        assertThat(gateway.port()).isZero();
        assertThat(gateway.type()).isEqualTo(GatewayConfig.Type.HAPROXY);
        assertThat(gateway.haproxy()).isEqualTo(new HaproxyConfig(
                Path.of("/run/im/haproxy.sock"), Path.of("/var/lib/ucloud-im/routes.map"), "hapx", "[::]:8443",
                Path.of("/etc/im/tls.pem")));
    }

    @Test
    void aPublicEmbeddedGatewayIsRefusedInHaproxyModeAtTheHost() {
        var error = loadError(dir, HEAD + PRODUCTS + "gateway:\n  type: haproxy\n  host: 0.0.0.0\n");
        assertAt(error, 15, 9);
        assertThat(error.getMessage()).contains("gateway.host must be a loopback address").contains("HAProxy is the public");
        GatewayConfig embedded = new GatewayConfig("127.0.0.1", 1);
        assertThatThrownBy(() -> new GatewayConfig("0.0.0.0", 1, List.of(), Optional.empty(), GatewayLimits.DEFAULTS,
                GatewayConfig.Type.HAPROXY, embedded.haproxy())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCertificateForTheEmbeddedGatewayIsRefusedInHaproxyMode() {
        var error = loadError(dir, HEAD + PRODUCTS
                + "gateway:\n  type: haproxy\n  tls:\n    certificate: c.pem\n    key: k.pem\n");
        assertThat(error.getMessage()).contains("gateway.tls applies only to type embedded");
    }

    @Test
    void aHaproxySectionWithTheEmbeddedGatewayIsAnError() {
        var error = loadError(dir, HEAD + PRODUCTS + "gateway:\n  haproxy:\n    user: haproxy\n");
        assertAt(error, 14, 3);
        assertThat(error.getMessage()).contains("gateway.haproxy applies only to type haproxy");
    }

    @Test
    void rootAsHaproxysUserAndAMalformedBindAreRefused() {
        String head = HEAD + PRODUCTS + "gateway:\n  type: haproxy\n  haproxy:\n";
        var root = loadError(dir, head + "    user: root\n");
        assertAt(root, 16, 11);
        assertThat(root.getMessage()).contains("must not be root");
        var bind = loadError(dir, head + "    bind: \"443\"\n");
        assertAt(bind, 16, 11);
        assertThat(bind.getMessage()).contains("[host]:port");
        assertAt(loadError(dir, head + "    bind: \":70000\"\n"), 16, 11);
        assertAt(loadError(dir, head + "    runtimeSocket: [a]\n"), 16, 20);
        var spaced = loadError(dir, head + "    mapFile: \"/srv/my routes.map\"\n");
        assertAt(spaced, 16, 14);
        assertThat(spaced.getMessage()).contains("unquoted");
    }

    /** The shipped config.yml documents the haproxy section commented out; uncommented, it is valid and the defaults. */
    @Test
    void theShippedHaproxyExampleIsValidAndHoldsTheDefaults() throws Exception {
        String shipped = java.nio.file.Files.readString(Path.of("../im-dist/src/main/dist/etc/config.yml"));
        int block = shipped.indexOf("  #haproxy:\n");
        String enabled = shipped.substring(0, block).replace("  type: embedded\n", "  type: haproxy\n") + "  haproxy:\n"
                + shipped.substring(block + "  #haproxy:\n".length()).replaceAll("(?m)^  #  (?=[a-zA-Z])", "    ");
        GatewayConfig gateway = load(dir, enabled).gateway();
        assertThat(gateway.type()).isEqualTo(GatewayConfig.Type.HAPROXY);
        assertThat(gateway.haproxy()).isEqualTo(new GatewayConfig("127.0.0.1", 8889).haproxy());
    }

    @Test
    void anUnknownTypeListsTheAllowedOnes() {
        var error = loadError(dir, HEAD + PRODUCTS + "gateway:\n  type: envoy\n");
        assertAt(error, 14, 9);
        assertThat(error.getMessage()).contains("embedded").contains("haproxy");
    }
}
