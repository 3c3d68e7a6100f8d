package dk.sdu.im.gateway;

import static dk.sdu.im.gateway.GatewayFixture.ALICE;
import static dk.sdu.im.gateway.GatewayFixture.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Backend connections are kept alive and reused, but only for the user and port they were opened for, and
 * only after an exchange that left them at a message boundary; a dead or misbehaving one is never handed a
 * request.
 */
class BackendPoolTest {
    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.started();

    @Test
    void requestsFromSeveralClientsOfOneUserShareOneBackendConnection() throws Exception {
        KeepAliveBackend backend = backend(KeepAliveBackend.Mode.KEEP);
        fixture.gateway.up(ALICE, backend.port());

        String first = get(ALICE, HTTP_1_1);
        String second = get(ALICE, HTTP_1_1);
        String third = get(ALICE, HTTP_1_1);

        assertThat(first).startsWith("connection=1 request=1");
        assertThat(second).startsWith("connection=1 request=2");
        assertThat(third).startsWith("connection=1 request=3").endsWith("connection-field=null");
        assertThat(backend.connections()).isEqualTo(1);
    }

    @Test
    void aConnectionThatCarriedARequestBodyIsReusedByTheNextRequest() throws Exception {
        KeepAliveBackend backend = backend(KeepAliveBackend.Mode.KEEP);
        fixture.gateway.up(ALICE, backend.port());

        RawClient.Response posted = fixture.raw().send("POST / HTTP/1.1\r\nHost: x\r\nucloud-username: "
                + RouteKey.header(ALICE) + "\r\nContent-Length: 5\r\n\r\nhello").read();
        String next = get(ALICE, HTTP_1_1);

        assertThat(posted.text()).startsWith("connection=1 request=1");
        assertThat(next).as("pooled before the client had the response").startsWith("connection=1 request=2");
    }

    @Test
    void aConnectionOpenedForOneUserNeverCarriesAnotherUsersRequest() throws Exception {
        // Both routes lead to one port, as a port reused by another user's instance would.
        KeepAliveBackend backend = backend(KeepAliveBackend.Mode.KEEP);
        fixture.gateway.up(ALICE, backend.port());
        fixture.gateway.up(BOB, backend.port());

        String alice = get(ALICE, HTTP_1_1);
        String bob = get(BOB, HTTP_1_1);
        String aliceAgain = get(ALICE, HTTP_1_1);

        assertThat(alice).startsWith("connection=1 ").contains(RouteKey.header(ALICE));
        assertThat(bob).startsWith("connection=2 ").contains(RouteKey.header(BOB));
        assertThat(aliceAgain).startsWith("connection=1 request=2");
    }

    @Test
    void aConnectionTheBackendClosedIsNotReused() throws Exception {
        KeepAliveBackend backend = backend(KeepAliveBackend.Mode.CLOSE_SILENTLY);
        fixture.gateway.up(ALICE, backend.port());

        String first = get(ALICE, HTTP_1_1);
        GatewayFixture.eventually("the backend closed its first connection", () -> backend.closed() == 1);
        String second = get(ALICE, HTTP_1_1);

        assertThat(first).startsWith("connection=1 ");
        assertThat(second).as("a fresh connection, not a 502").startsWith("connection=2 ");
    }

    @Test
    void aResponseWithConnectionCloseEndsTheBackendConnection() throws Exception {
        KeepAliveBackend backend = backend(KeepAliveBackend.Mode.SAY_CLOSE);
        fixture.gateway.up(ALICE, backend.port());

        get(ALICE, HTTP_1_1);
        String second = get(ALICE, HTTP_1_1);

        assertThat(second).startsWith("connection=2 request=1");
    }

    @Test
    void aConnectionWithAnUnreadRequestBodyIsNotReused() throws Exception {
        KeepAliveBackend backend = backend(KeepAliveBackend.Mode.ANSWER_EARLY);
        fixture.gateway.up(ALICE, backend.port());

        RawClient.Response early = fixture.raw().send("POST / HTTP/1.1\r\nHost: x\r\nucloud-username: "
                + RouteKey.header(ALICE) + "\r\nContent-Length: 5\r\n\r\n").read();
        get(ALICE, HTTP_1_1);

        assertThat(early.status()).isEqualTo(413);
        assertThat(backend.connections()).as("the unread body would be taken for the next request").isEqualTo(2);
    }

    @Test
    void aRouteThatMovesLeavesItsPooledConnectionsBehind() throws Exception {
        KeepAliveBackend first = backend(KeepAliveBackend.Mode.KEEP);
        KeepAliveBackend second = backend(KeepAliveBackend.Mode.KEEP);
        fixture.gateway.up(ALICE, first.port());
        get(ALICE, HTTP_1_1);

        fixture.gateway.up(ALICE, second.port());
        String moved = get(ALICE, HTTP_1_1);
        fixture.gateway.up(ALICE, first.port());
        String back = get(ALICE, HTTP_1_1);

        assertThat(moved).startsWith("connection=1 request=1");
        assertThat(back).as("the connection from before the move was closed").startsWith("connection=2 request=1");
    }

    @Test
    void http10RequestsAskTheBackendToCloseAndAreNotPooled() throws Exception {
        KeepAliveBackend backend = backend(KeepAliveBackend.Mode.KEEP);
        fixture.gateway.up(ALICE, backend.port());

        String first = get(ALICE, "HTTP/1.0");
        String second = get(ALICE, "HTTP/1.0");

        assertThat(first).startsWith("connection=1 ").endsWith("connection-field=close");
        assertThat(second).startsWith("connection=2 ");
    }

    @Test
    void aFullPoolClosesTheConnectionGivenBackAndKeepsTheOthers() throws Exception {
        List<SocketChannel> peers = new ArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(GatewayFixture.LOOPBACK, 0));
                BackendPool pool = new BackendPool(Duration.ofSeconds(5))) {
            var key = new BackendPool.Key(new Destination.UserInstance(ALICE), (InetSocketAddress) server.getLocalAddress());
            List<Endpoint> given = new ArrayList<>();
            for (int i = 0; i <= BackendPool.MAX_IDLE_PER_KEY; i++) {
                Endpoint endpoint = Endpoint.of(SocketChannel.open(server.getLocalAddress()).socket(), Duration.ofSeconds(5));
                peers.add(server.accept());
                given.add(endpoint);
                pool.give(key, endpoint);
            }

            assertThat(given.getLast().socket().isClosed()).isTrue();
            assertThat(given.subList(0, BackendPool.MAX_IDLE_PER_KEY)).noneMatch(endpoint -> endpoint.socket().isClosed());
            assertThat(pool.take(key)).as("the pooled ones are still given out").isPresent();
        } finally {
            for (SocketChannel peer : peers) {
                peer.close();
            }
        }
    }

    private static final String HTTP_1_1 = "HTTP/1.1";

    private KeepAliveBackend backend(KeepAliveBackend.Mode mode) throws IOException {
        return fixture.closeLater(new KeepAliveBackend(mode));
    }

    /** A GET on a new client connection, so that only the gateway's backend side can carry state over. */
    private String get(String user, String version) throws IOException {
        RawClient.Response response = fixture.raw().send("GET / " + version + "\r\nHost: x\r\nucloud-username: "
                + RouteKey.header(user) + "\r\n\r\n").read();
        assertThat(response.status()).isEqualTo(200);
        return response.text();
    }
}
