package dk.sdu.im.gateway;

import static dk.sdu.im.gateway.GatewayFixture.ALICE;
import static dk.sdu.im.gateway.GatewayFixture.eventually;
import static dk.sdu.im.gateway.KeepAliveAndStreamingTest.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Production ingress, item 4: the limits on what one client may send and hold ({@link ClientLimits}, and the
 * settings' total of connections), each attacked: over the limit the client is refused and closed and the backend
 * sees nothing; at the limit, or after it, the gateway serves.
 */
class ClientLimitsTest {
    private static final InetAddress OTHER = InetAddress.ofLiteral("127.0.0.2");

    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.started();

    @Test
    void answers414ForARequestLineOverItsLimitAndServesOneAtIt() throws Exception {
        EmbeddedGateway gateway = start(fixture.settings(fixture.system.address()).limits());
        String prefix = "GET /ucloud/slurm/files/browse?x=";
        String atLimit = prefix + "a".repeat(8 * 1024 - 2 - prefix.length() - " HTTP/1.1".length()) + " HTTP/1.1";

        RawClient.Response longer = client(gateway).send(atLimit.replace(" HTTP", "a HTTP") + "\r\n\r\n").read();
        RawClient.Response at = client(gateway).send(atLimit + "\r\nucloud-username: " + RouteKey.header(ALICE)
                + "\r\n\r\n").read();

        assertThat(longer.status()).isEqualTo(414);
        assertThat(longer.text()).contains("The request line is too long");
        assertThat(at.status()).isEqualTo(200);
        assertThat(fixture.alice.requests()).isEqualTo(1);
    }

    @Test
    void answers431ForMoreHeaderFieldsThanTheLimitAndServesTheLimit() throws Exception {
        EmbeddedGateway gateway = start(fixture.settings(fixture.system.address()).limits());
        String user = "ucloud-username: " + RouteKey.header(ALICE) + "\r\nHost: x\r\n";
        String fields98 = "X-Field: f\r\n".repeat(98);

        RawClient tooMany = client(gateway);
        RawClient.Response refused = tooMany.send("GET / HTTP/1.1\r\n" + user + fields98 + "X-One-Too-Many: f\r\n\r\n")
                .read();
        RawClient.Response served = client(gateway).send("GET / HTTP/1.1\r\n" + user + fields98 + "\r\n").read();

        assertThat(refused.status()).isEqualTo(431);
        assertThat(refused.text()).contains("The request has too many header fields");
        assertThat(tooMany.closedByPeer()).isTrue();
        assertThat(served.status()).isEqualTo(200);
        assertThat(fixture.alice.requests()).isEqualTo(1);
    }

    /** Slowloris: a byte every 50 ms keeps every read short of the idle timeout, but not the head short of its deadline. */
    @Test
    void answers408AndClosesWhenAHeadTricklesInSlowerThanTheHeadTimeout() throws Exception {
        EmbeddedGateway gateway = start(new ClientLimits(100, 8192, Duration.ofMillis(500), Duration.ofSeconds(10), 256));
        RawClient client = client(gateway).send("GET /ucloud/slurm/files/browse HTTP/1.1\r\nHost: x\r\nucloud-username: "
                + RouteKey.header(ALICE) + "\r\n");
        CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> trickle(client));

        RawClient.Response response = client.read();

        assertThat(response.status()).isEqualTo(408);
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(client.closedByPeer()).isTrue();
        trickle.join();
        assertThat(fixture.alice.requests()).isZero();
    }

    @Test
    void closesANewConnectionThatSendsNothingWithinTheHeadTimeoutWithoutAnAnswer() throws Exception {
        EmbeddedGateway gateway = start(new ClientLimits(100, 8192, Duration.ofMillis(300), Duration.ofMillis(300), 256));

        assertThat(client(gateway).closedByPeer()).as("the end of the stream, and no byte before it").isTrue();
    }

    @Test
    void closesAKeptAliveConnectionIdleForTheKeepAliveTimeoutButNotABodyPausingLonger() throws Exception {
        EmbeddedGateway gateway = start(new ClientLimits(100, 8192, Duration.ofSeconds(10), Duration.ofMillis(300), 256));
        RawClient client = client(gateway);

        client.send("POST /upload HTTP/1.1\r\nHost: x\r\nucloud-username: " + RouteKey.header(ALICE)
                + "\r\nContent-Length: 5\r\n\r\nhe");
        Thread.sleep(900);
        RawClient.Response response = client.send("llo").read();

        assertThat(BackendReply.parse(response.text()).get("bodyBytes")).isEqualTo("5");
        assertThat(response.header("Connection")).isNull();
        assertThat(client.closedByPeer()).as("closed after the keep-alive timeout, no answer sent").isTrue();
    }

    @Test
    void closesAConnectionBeyondTheLimitPerAddressAtOnceWhileOtherAddressesAreServed() throws Exception {
        EmbeddedGateway gateway = start(new ClientLimits(100, 8192, Duration.ofSeconds(30), Duration.ofSeconds(30), 2));
        RawClient first = fixture.closeLater(new RawClient(fixture.connectFrom("127.0.0.2", gateway.address())));
        fixture.closeLater(new RawClient(fixture.connectFrom("127.0.0.2", gateway.address())));
        eventually("two connections from 127.0.0.2 are served", () -> gateway.connectionsFrom(OTHER) == 2);

        RawClient third = fixture.closeLater(new RawClient(fixture.connectFrom("127.0.0.2", gateway.address())));

        assertThat(third.closedByPeer()).as("closed at once, unread").isTrue();
        assertThat(client(gateway).send(get(ALICE, "/from-127.0.0.1")).read().status()).isEqualTo(200);
        assertThat(first.send(get(ALICE, "/from-127.0.0.2")).read().status()).as("the two served ones work")
                .isEqualTo(200);
        first.close();
        eventually("a connection from 127.0.0.2 ended", () -> gateway.connectionsFrom(OTHER) == 1);
        RawClient fourth = fixture.closeLater(new RawClient(fixture.connectFrom("127.0.0.2", gateway.address())));
        assertThat(fourth.send(get(ALICE, "/again")).read().status()).isEqualTo(200);
    }

    @Test
    void servesNoMoreConnectionsThanTheTotalAndTheNextOneOnceOneEnds() throws Exception {
        EmbeddedGateway gateway = fixture.closeLater(EmbeddedGateway.start(fixture.settings(fixture.system.address())
                .withMaxConnections(3)));
        gateway.up(ALICE, fixture.alice.port());
        InetAddress loopback = GatewayFixture.LOOPBACK;
        List<RawClient> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(client(gateway));
        }
        eventually("three connections are served", () -> gateway.connectionsFrom(loopback) == 3);

        RawClient waiting = client(gateway).send(get(ALICE, "/waiting"));
        Thread.sleep(300);
        assertThat(gateway.connectionsFrom(loopback)).as("the fourth waits in the backlog").isEqualTo(3);
        assertThat(fixture.alice.requests()).isZero();
        held.getFirst().close();

        assertThat(waiting.read().status()).isEqualTo(200);
        assertThat(fixture.alice.requests()).isEqualTo(1);
    }

    private EmbeddedGateway start(ClientLimits limits) throws IOException {
        EmbeddedGateway gateway = fixture.closeLater(EmbeddedGateway.start(
                fixture.settings(fixture.system.address()).withLimits(limits)));
        gateway.up(ALICE, fixture.alice.port());
        return gateway;
    }

    private RawClient client(EmbeddedGateway gateway) throws IOException {
        return fixture.closeLater(new RawClient(gateway.address()));
    }

    /** Sends header bytes one at a time until the gateway stops taking them, for at most 20 s. */
    private static void trickle(RawClient client) {
        byte[] field = "X-Slow: loris\r\n".getBytes(StandardCharsets.ISO_8859_1);
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try {
            for (int i = 0; System.nanoTime() < end; i++) {
                client.send(new byte[] {field[i % field.length]});
                Thread.sleep(50);
            }
        } catch (IOException e) {
            // The gateway closed the connection: the point.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
