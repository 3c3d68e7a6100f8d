package dk.sdu.im.gateway;

import static dk.sdu.im.gateway.GatewayFixture.ALICE;
import static dk.sdu.im.gateway.GatewayFixture.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WebSocket upgrades become tunnels that live through route changes (system notes 7: Caddy closed them
 * on every change, Jetty's proxy did not pass them at all), and reach the same port as the user's other requests.
 */
class WebSocketTest {
    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.started();
    private WebSocketEchoBackend aliceEcho;

    @BeforeEach
    void start() throws Exception {
        aliceEcho = fixture.closeLater(new WebSocketEchoBackend("alice-ws"));
        fixture.gateway.up(ALICE, aliceEcho.port());
    }

    @Test
    void echoesThroughTheGatewayRoutedByUsernameHeader() throws Exception {
        Client client = Client.open(fixture, "/ucloud/slurm/jobs/follow", ALICE);

        assertThat(client.echo("hello")).isEqualTo("alice-ws:hello");
        assertThat(client.echo("again")).isEqualTo("alice-ws:again");
    }

    @Test
    void echoesThroughTheGatewayRoutedByUsernameHint() throws Exception {
        Client client = Client.open(fixture, "/ucloud/slurm/websocket?usernameHint=" + RouteKey.hint(ALICE), null);

        assertThat(client.echo("shell input")).isEqualTo("alice-ws:shell input");
    }

    @Test
    void keepsTunnelOpenAndWorkingWhileRoutesChange() throws Exception {
        Client client = Client.open(fixture, "/ucloud/slurm/jobs/follow", ALICE);
        assertThat(client.echo("0")).isEqualTo("alice-ws:0");
        WebSocketEchoBackend replacement = fixture.closeLater(new WebSocketEchoBackend("alice-ws-2"));

        fixture.gateway.up("carol#42", fixture.bob.port());
        assertThat(client.echo("1")).isEqualTo("alice-ws:1");
        fixture.gateway.up(ALICE, replacement.port());
        assertThat(client.echo("2")).isEqualTo("alice-ws:2");
        assertThat(Client.open(fixture, "/ucloud/slurm/jobs/follow", ALICE).echo("new"))
                .as("a new tunnel follows the new route").isEqualTo("alice-ws-2:new");
        fixture.gateway.down(BOB);
        assertThat(client.echo("3")).isEqualTo("alice-ws:3");
        fixture.gateway.down(ALICE);
        assertThat(client.echo("4")).isEqualTo("alice-ws:4");
        assertThat(fixture.gateway.list()).containsOnlyKeys("carol#42");
    }

    @Test
    void sendsUpgradesDownloadsAndCallsOfAUserToItsOnePort() throws Exception {
        String user = "dora#7";
        WebSocketEchoBackend dora = fixture.closeLater(new WebSocketEchoBackend("dora"));
        fixture.gateway.up(user, dora.port());
        String hint = "?usernameHint=" + RouteKey.hint(user);

        assertThat(Client.open(fixture, "/ucloud/slurm/upload" + hint, null).echo("v2")).isEqualTo("dora:v2");
        assertThat(backendOf(fixture.getAs(null, "/ucloud/slurm/download" + hint + "&token=t"))).isEqualTo("dora");
        assertThat(backendOf(fixture.getAs(user, "/ucloud/slurm/files/browse"))).isEqualTo("dora");
        assertThat(dora.requests()).isEqualTo(3);
        assertThat(fixture.gateway.list()).containsEntry(user, dora.port());
    }

    @Test
    void neverSendsAnotherUsersUpgradesOrCallsToAUsersPort() throws Exception {
        WebSocketEchoBackend dora = fixture.closeLater(new WebSocketEchoBackend("dora"));
        fixture.gateway.up("dora#7", dora.port());

        assertThat(Client.open(fixture, "/ucloud/slurm/upload?usernameHint=" + RouteKey.hint(ALICE), null).echo("a"))
                .isEqualTo("alice-ws:a");
        assertThat(backendOf(fixture.getAs(ALICE, "/ucloud/slurm/files/browse"))).isEqualTo("alice-ws");
        assertThat(backendOf(fixture.getAs(BOB, "/ucloud/slurm/download?token=t"))).isEqualTo("bob");
        assertThat(dora.requests()).isZero();
    }

    @Test
    void countsAnOpenTunnelAsAnOpenConnectionOfItsUser() throws Exception {
        assertThat(fixture.gateway.openConnections(ALICE)).isZero();
        Client client = Client.open(fixture, "/ucloud/slurm/jobs/follow", ALICE);
        assertThat(client.echo("x")).isEqualTo("alice-ws:x");

        assertThat(fixture.gateway.openConnections(ALICE)).isEqualTo(1);
        assertThat(fixture.gateway.openConnections(BOB)).isZero();

        client.close();
        GatewayFixture.eventually("the tunnel is no longer counted", () -> fixture.gateway.openConnections(ALICE) == 0);
    }

    private static String backendOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return BackendReply.parse(response.body()).backend();
    }

    /** A {@link java.net.http.WebSocket} client that collects whole text messages. */
    private record Client(WebSocket socket, BlockingQueue<String> messages) {
        static Client open(GatewayFixture fixture, String target, String user) {
            BlockingQueue<String> messages = new LinkedBlockingQueue<>();
            WebSocket.Builder builder = fixture.http.newWebSocketBuilder();
            if (user != null) {
                builder.header("ucloud-username", RouteKey.header(user));
            }
            WebSocket socket = builder.buildAsync(fixture.webSocketUri(target), new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        messages.add(text.toString());
                        text.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }
            }).join();
            return new Client(socket, messages);
        }

        String echo(String text) throws InterruptedException {
            socket.sendText(text, true).join();
            return messages.poll(10, TimeUnit.SECONDS);
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }
}
