package dk.sdu.im.config;

import static dk.sdu.im.config.ConfigFixture.MINIMAL;
import static dk.sdu.im.config.ConfigFixture.assertAt;
import static dk.sdu.im.config.ConfigFixture.load;
import static dk.sdu.im.config.ConfigFixture.loadError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway.trustedProxies}: addresses and CIDR ranges, validated at load; the section starts at line 13. */
class TrustedProxiesConfigTest {
    @TempDir
    Path dir;

    @Test
    void trustsNoProxyByDefault() throws ConfigException {
        assertThat(load(dir, MINIMAL).gateway().trustedProxies()).isEmpty();
        assertThat(load(dir, MINIMAL + "gateway:\n  trustedProxies: []\n").gateway())
                .isEqualTo(new GatewayConfig("127.0.0.1", 8889));
        assertThat(load(dir, MINIMAL + "gateway:\n  trustedProxies:\n").gateway().trustedProxies()).isEmpty();
    }

    @Test
    void readsAddressesAndRangesOfBothFamiliesInCanonicalForm() throws ConfigException {
        GatewayConfig gateway = load(dir, MINIMAL + """
                gateway:
                  trustedProxies: [127.0.0.1, 10.0.0.0/8, "::1", fd00::/8, "::ffff:192.168.0.0/112", 2001:DB8::/32]
                """).gateway();

        assertThat(gateway.trustedProxies()).containsExactly("127.0.0.1", "10.0.0.0/8", "0:0:0:0:0:0:0:1",
                "fd00:0:0:0:0:0:0:0/8", "192.168.0.0/16", "2001:db8:0:0:0:0:0:0/32");
    }

    @Test
    void readsOneItemPerLine() throws ConfigException {
        GatewayConfig gateway = load(dir, MINIMAL + """
                gateway:
                  host: 0.0.0.0
                  trustedProxies:
                    - 127.0.0.1
                    - ::1
                    - 0.0.0.0/0
                """).gateway();

        assertThat(gateway.trustedProxies()).containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1", "0.0.0.0/0");
    }

    @Test
    void refusesAHostNameAtItsItem() {
        var error = loadError(dir, MINIMAL + "gateway:\n  trustedProxies: [127.0.0.1, proxy.example.org]\n");

        assertAt(error, 14, 31);
        assertThat(error.problem()).startsWith("gateway.trustedProxies[1] must be an IP address or a CIDR range")
                .contains("'proxy.example.org'").contains("not looked up");
    }

    @Test
    void refusesMalformedAddresses() {
        for (String entry : List.of("010.0.0.1", "10.0.0", "10.0.0.256", "fe80::1%lo", "'[::1]'", "1:2:3:4:5:6:7:8:9",
                "/8")) {
            var error = loadError(dir, MINIMAL + "gateway:\n  trustedProxies:\n    - " + entry + "\n");

            assertAt(error, 15, 7);
            assertThat(error.problem()).as(entry).startsWith("gateway.trustedProxies[0] must be an IP address");
        }
    }

    @Test
    void refusesAPrefixOutOfRange() {
        for (String entry : List.of("10.0.0.0/33", "::/129", "10.0.0.0/08", "::ffff:10.0.0.0/64", "10.0.0.0/",
                "10.0.0.0/8/8", "10.0.0.0/-1")) {
            var error = loadError(dir, MINIMAL + "gateway:\n  trustedProxies:\n    - " + entry + "\n");

            assertAt(error, 15, 7);
            assertThat(error.problem()).as(entry).contains("must have a prefix length from");
        }
    }

    @Test
    void refusesARangeWithBitsBeyondItsPrefixNamingTheRangeMeant() {
        var error = loadError(dir, MINIMAL + "gateway:\n  trustedProxies:\n    - 127.0.0.1\n    - 10.1.2.3/8\n");

        assertAt(error, 16, 7);
        assertThat(error.problem()).contains("gateway.trustedProxies[1] must not have address bits set beyond its prefix")
                .contains("10.0.0.0/8");
    }

    @Test
    void refusesAScalarWhereAListBelongs() {
        var error = loadError(dir, MINIMAL + "gateway:\n  trustedProxies: 127.0.0.1\n");

        assertAt(error, 14, 19);
        assertThat(error.problem()).startsWith("gateway.trustedProxies must be a list");
    }

    @Test
    void refusesAnItemThatIsNoValue() {
        assertAt(loadError(dir, MINIMAL + "gateway:\n  trustedProxies:\n    - 127.0.0.1\n    - {a: b}\n"), 16, 7);
        assertAt(loadError(dir, MINIMAL + "gateway:\n  trustedProxies:\n    - 127.0.0.1\n    -\n"), 16, 6);
        assertThat(loadError(dir, MINIMAL + "gateway:\n  trustedProxies: [\"\"]\n").problem())
                .startsWith("gateway.trustedProxies[0] must be a text value");
    }
}
