package dk.sdu.im.gateway;

import static dk.sdu.im.gateway.HeadRecordingBackend.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code X-Forwarded-For} and {@code X-Forwarded-Proto} behind a site's own proxy: a trusted peer's chain is extended
 * by the peer and its scheme kept, everyone else's are replaced by the gateway's own facts, so a client that talks to
 * the gateway directly cannot pass for another address. The trusted proxy is 127.0.0.2 and the attacker 127.0.0.1,
 * both reaching the gateway on 127.0.0.1 (Linux routes 127/8 to lo).
 */
class ForwardedHeadersTest {
    private static final String PROXY = "127.0.0.2";
    private static final String ATTACKER = "127.0.0.1";
    private static final String USER = "proxied#1";

    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.startedTrusting(TrustedProxies.of(List.of(PROXY + "/32")));
    private HeadRecordingBackend backend;

    @BeforeEach
    void start() throws IOException {
        backend = fixture.closeLater(new HeadRecordingBackend(GatewayFixture.LOOPBACK));
        fixture.gateway.up(USER, backend.port());
    }

    @Test
    void replacesTheForwardingFieldsOfAnUntrustedPeer() throws Exception {
        String head = forward(fixture.rawFrom(ATTACKER), "X-Forwarded-For: 127.0.0.2\r\nx-forwarded-for: 10.9.8.7\r\n"
                + "X-Forwarded-Proto: https\r\n");

        assertThat(values(head, "X-Forwarded-For")).containsExactly(ATTACKER);
        assertThat(values(head, "X-Forwarded-Proto")).containsExactly("http");
    }

    @Test
    void setsTheForwardingFieldsForAnUntrustedPeerThatSentNone() throws Exception {
        String head = forward(fixture.rawFrom(ATTACKER), "");

        assertThat(values(head, "X-Forwarded-For")).containsExactly(ATTACKER);
        assertThat(values(head, "X-Forwarded-Proto")).containsExactly("http");
    }

    @Test
    void extendsATrustedProxysChainJoiningItsLinesInOrderAndKeepsItsScheme() throws Exception {
        String head = forward(fixture.rawFrom(PROXY), "X-Forwarded-For: 203.0.113.7\r\n"
                + "x-forwarded-for: 2001:db8::1 , unknown,_hidden-node\r\nX-Forwarded-Proto: https\r\n");

        assertThat(values(head, "X-Forwarded-For")).as("one line, the peer appended")
                .containsExactly("203.0.113.7, 2001:db8::1 , unknown,_hidden-node, " + PROXY);
        assertThat(values(head, "X-Forwarded-Proto")).containsExactly("https");
    }

    @Test
    void keepsATrustedProxysPlainHttpScheme() throws Exception {
        String head = forward(fixture.rawFrom(PROXY), "X-Forwarded-For: 198.51.100.20\r\nX-Forwarded-Proto: http\r\n");

        assertThat(values(head, "X-Forwarded-For")).containsExactly("198.51.100.20, " + PROXY);
        assertThat(values(head, "X-Forwarded-Proto")).containsExactly("http");
    }

    @Test
    void namesTheProxyAloneWhenATrustedProxySentNoChain() throws Exception {
        String head = forward(fixture.rawFrom(PROXY), "X-Forwarded-Proto: https\r\n");

        assertThat(values(head, "X-Forwarded-For")).containsExactly(PROXY);
        assertThat(values(head, "X-Forwarded-Proto")).containsExactly("https");
    }

    @Test
    void treatsEachRequestOnAKeptProxyConnectionOnItsOwn() throws Exception {
        RawClient proxy = fixture.rawFrom(PROXY);

        String first = forward(proxy, "X-Forwarded-For: 192.0.2.1\r\nX-Forwarded-Proto: https\r\n");
        String second = forward(proxy, "");

        assertThat(values(first, "X-Forwarded-For")).containsExactly("192.0.2.1, " + PROXY);
        assertThat(values(second, "X-Forwarded-For")).as("nothing carried over").containsExactly(PROXY);
        assertThat(values(second, "X-Forwarded-Proto")).containsExactly("http");
    }

    @Test
    void replacesASchemeOtherThanHttpOrHttpsFromATrustedProxy() throws Exception {
        for (String proto : List.of("X-Forwarded-Proto: javascript\r\n", "X-Forwarded-Proto: HTTPS\r\n",
                "X-Forwarded-Proto: https, http\r\n", "X-Forwarded-Proto: https\r\nX-Forwarded-Proto: https\r\n",
                "X-Forwarded-Proto:\r\n")) {
            String head = forward(fixture.rawFrom(PROXY), "X-Forwarded-For: 192.0.2.1\r\n" + proto);

            assertThat(values(head, "X-Forwarded-Proto")).as(proto).containsExactly("http");
            assertThat(values(head, "X-Forwarded-For")).as(proto).containsExactly("192.0.2.1, " + PROXY);
        }
    }

    @Test
    void replacesAMalformedChainFromATrustedProxy() throws Exception {
        for (String chain : List.of("<script>", "192.0.2.1:8080", "[2001:db8::1]", "192.0.2.1,,192.0.2.2",
                "192.0.2.1,", "", "010.0.0.1", "192.0.2", "example.org", "fe80::1%lo", "_", "192.0.2.1;by=x")) {
            String head = forward(fixture.rawFrom(PROXY), "X-Forwarded-For: " + chain + "\r\nX-Forwarded-Proto: https\r\n");

            assertThat(values(head, "X-Forwarded-For")).as(chain).containsExactly(PROXY);
            assertThat(values(head, "X-Forwarded-Proto")).as(chain).containsExactly("https");
        }
    }

    @Test
    void replacesTheWholeChainWhenOneOfATrustedProxysLinesIsMalformed() throws Exception {
        String head = forward(fixture.rawFrom(PROXY), "X-Forwarded-For: 192.0.2.1\r\nX-Forwarded-For: not an address\r\n");

        assertThat(values(head, "X-Forwarded-For")).containsExactly(PROXY);
    }

    @Test
    void extendsTheChainOfAProxyInATrustedIpv6Range() throws Exception {
        EmbeddedGateway gateway = ipv6Gateway(TrustedProxies.of(List.of("::/120")));

        String head = forward(rawFromIpv6Loopback(gateway), "X-Forwarded-For: 2001:db8::7\r\nX-Forwarded-Proto: https\r\n");

        assertThat(values(head, "X-Forwarded-For")).containsExactly("2001:db8::7, 0:0:0:0:0:0:0:1");
        assertThat(values(head, "X-Forwarded-Proto")).containsExactly("https");
    }

    @Test
    void replacesTheChainOfAnIpv6PeerOutsideTheTrustedRanges() throws Exception {
        EmbeddedGateway gateway = ipv6Gateway(TrustedProxies.of(List.of("fd00::/8", "127.0.0.0/8", "::ffff:0:0/96")));

        String head = forward(rawFromIpv6Loopback(gateway), "X-Forwarded-For: 2001:db8::7\r\nX-Forwarded-Proto: https\r\n");

        assertThat(values(head, "X-Forwarded-For")).containsExactly("0:0:0:0:0:0:0:1");
        assertThat(values(head, "X-Forwarded-Proto")).containsExactly("http");
    }

    /** Sends a GET for the recording backend's user with {@code fields}, checks the 200, returns the head that arrived. */
    private String forward(RawClient client, String fields) throws Exception {
        RawClient.Response response = client.send("GET /ucloud/slurm/files/browse HTTP/1.1\r\nHost: gateway\r\n"
                + "ucloud-username: " + RouteKey.header(USER) + "\r\n" + fields + "\r\n").read();
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return backend.nextHead();
    }

    /** A second gateway, on [::1], routing to the same backend. */
    private EmbeddedGateway ipv6Gateway(TrustedProxies trusted) throws IOException {
        InetAddress loopback6 = InetAddress.ofLiteral("::1");
        try (var probe = new ServerSocket(0, 1, loopback6)) {
            // ::1 can be bound.
        } catch (IOException e) {
            Assumptions.abort("IPv6 loopback (::1) cannot be bound here: " + e.getMessage());
        }
        EmbeddedGateway gateway = fixture.closeLater(EmbeddedGateway.start(EmbeddedGateway.Settings
                .defaults(new InetSocketAddress(loopback6, 0), fixture.system.address(), fixture.coldStart)
                .trusting(trusted)));
        gateway.up(USER, backend.port());
        return gateway;
    }

    private RawClient rawFromIpv6Loopback(EmbeddedGateway gateway) throws IOException {
        Socket socket = fixture.closeLater(new Socket());
        socket.bind(new InetSocketAddress(InetAddress.ofLiteral("::1"), 0));
        socket.connect(gateway.address());
        return fixture.closeLater(new RawClient(socket));
    }
}
