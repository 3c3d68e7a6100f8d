package dk.sdu.im.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    @Test
    void trustsNobodyByDefault() {
        assertThat(TrustedProxies.none().trusts(ip("127.0.0.1"))).isFalse();
        assertThat(TrustedProxies.of(List.of()).trusts(ip("::1"))).isFalse();
    }

    @Test
    void anAddressTrustsExactlyThatAddress() {
        TrustedProxies trusted = TrustedProxies.of(List.of("127.0.0.1", "::1"));

        assertThat(trusted.trusts(ip("127.0.0.1"))).isTrue();
        assertThat(trusted.trusts(ip("::1"))).isTrue();
        assertThat(trusted.trusts(ip("127.0.0.2"))).isFalse();
        assertThat(trusted.trusts(ip("::2"))).isFalse();
        assertThat(trusted.trusts(ip("::"))).isFalse();
    }

    @Test
    void anIpv4RangeTrustsItsAddressesOnly() {
        TrustedProxies trusted = TrustedProxies.of(List.of("10.0.0.0/8", "192.168.0.0/23"));

        assertThat(trusted.trusts(ip("10.0.0.0"))).isTrue();
        assertThat(trusted.trusts(ip("10.255.255.255"))).isTrue();
        assertThat(trusted.trusts(ip("192.168.1.255"))).isTrue();
        assertThat(trusted.trusts(ip("9.255.255.255"))).isFalse();
        assertThat(trusted.trusts(ip("11.0.0.0"))).isFalse();
        assertThat(trusted.trusts(ip("192.168.2.0"))).isFalse();
        assertThat(trusted.trusts(ip("::a00:1"))).as("the IPv4-compatible form is another address").isFalse();
    }

    @Test
    void anIpv6RangeTrustsItsAddressesOnly() {
        TrustedProxies trusted = TrustedProxies.of(List.of("fd00::/8", "2001:db8:2::/47"));

        assertThat(trusted.trusts(ip("fd12:3456::1"))).isTrue();
        assertThat(trusted.trusts(ip("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))).isTrue();
        assertThat(trusted.trusts(ip("2001:db8:3:ffff::1"))).isTrue();
        assertThat(trusted.trusts(ip("2001:db8:1:ffff::1"))).isFalse();
        assertThat(trusted.trusts(ip("2001:db8:4::"))).isFalse();
        assertThat(trusted.trusts(ip("fc00::1"))).isFalse();
        assertThat(trusted.trusts(ip("fe00::1"))).isFalse();
    }

    @Test
    void anIpv4MappedPeerIsItsIpv4Address() throws UnknownHostException {
        InetAddress mapped = Inet6Address.getByAddress(null,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 1, 2, 3}, -1);
        assertThat(mapped).as("the form a dual-stack socket may report").isInstanceOf(Inet6Address.class);

        assertThat(TrustedProxies.of(List.of("10.0.0.0/8")).trusts(mapped)).isTrue();
        assertThat(TrustedProxies.of(List.of("10.1.2.3")).trusts(mapped)).isTrue();
        assertThat(TrustedProxies.of(List.of("10.1.2.4")).trusts(mapped)).isFalse();
        assertThat(TrustedProxies.of(List.of("::/0")).trusts(mapped)).as("an IPv6 range holds no IPv4 peer").isFalse();
    }

    @Test
    void anIpv4MappedEntryIsItsIpv4Range() {
        TrustedProxies trusted = TrustedProxies.of(List.of("::ffff:10.0.0.0/104"));

        assertThat(trusted.trusts(ip("10.200.0.1"))).isTrue();
        assertThat(trusted.trusts(ip("11.0.0.1"))).isFalse();
    }

    @Test
    void zeroPrefixesTrustTheirWholeFamily() {
        assertThat(TrustedProxies.of(List.of("0.0.0.0/0")).trusts(ip("203.0.113.9"))).isTrue();
        assertThat(TrustedProxies.of(List.of("0.0.0.0/0")).trusts(ip("2001:db8::1"))).isFalse();
        assertThat(TrustedProxies.of(List.of("::/0")).trusts(ip("2001:db8::1"))).isTrue();
        assertThat(TrustedProxies.of(List.of("::/0")).trusts(ip("203.0.113.9"))).isFalse();
    }

    @Test
    void refusesWhatIsNotAnAddressOrARange() {
        for (String entry : List.of("", "localhost", "example.org", "10.0.0", "010.0.0.1", "10.0.0.256", "1.2.3.4.5",
                " 10.0.0.1", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/08", "10.0.0.0/8/8", "::/129",
                "[::1]", "fe80::1%lo", "::ffff:10.0.0.0/64", "::ffff:10.0.0.0/129", "1:2:3:4:5:6:7:8:9", "/8")) {
            assertThatThrownBy(() -> TrustedProxies.of(List.of("127.0.0.1", entry))).as("'%s'", entry)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(entry);
        }
    }

    @Test
    void refusesARangeWithBitsBeyondItsPrefix() {
        for (String entry : List.of("10.0.0.1/8", "192.168.1.0/23", "fd00::1/8", "::1/127")) {
            assertThatThrownBy(() -> TrustedProxies.of(List.of(entry))).as(entry)
                    .hasMessage("bits set beyond the prefix in " + entry);
        }
    }

    @Test
    void namesItsEntriesAsGiven() {
        assertThat(TrustedProxies.of(List.of("127.0.0.1", "fd00::/8"))).hasToString("[127.0.0.1, fd00::/8]");
    }

    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }
}
