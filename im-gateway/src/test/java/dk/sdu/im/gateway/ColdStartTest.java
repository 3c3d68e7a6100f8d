package dk.sdu.im.gateway;

import static dk.sdu.im.gateway.GatewayFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A request for a user without a route is held while IM/Server starts the instance (DESIGN 3.3). */
class ColdStartTest {
    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.started();

    @Test
    void holdsRequestUntilInstanceRunsThenForwardsItsWholeBody() throws Exception {
        String carol = "carol#42";
        byte[] body = new byte[5 * 1024 * 1024];
        new Random(7).nextBytes(body);
        CompletableFuture<HttpResponse<String>> response = fixture.http.sendAsync(fixture.request("/ucloud/slurm/files/upload")
                .header("ucloud-username", RouteKey.header(carol)).header("Authorization", GatewayFixture.CORE_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(fixture.coldStart.nextCall()).isEqualTo(carol);
        assertThat(fixture.coldStart.nextAuthorization()).as("for IM/Server to verify").isEqualTo(GatewayFixture.CORE_TOKEN);
        assertThat(response).isNotDone();
        assertThat(fixture.gateway.openConnections(carol)).as("a held request counts").isEqualTo(1);
        assertThat(fixture.gateway.quietMillis(carol)).as("not quiet while a request is open").isZero();

        NamedBackend instance = fixture.closeLater(new NamedBackend("carol"));
        fixture.gateway.up(carol, instance.port());
        fixture.coldStart.futureFor(carol).complete(instance.port());

        BackendReply reply = BackendReply.parse(response.get().body());
        assertThat(reply.backend()).isEqualTo("carol");
        assertThat(reply.get("bodyBytes")).isEqualTo(String.valueOf(body.length));
        assertThat(reply.get("bodySha256")).isEqualTo(RoutingTest.sha256(body));
        GatewayFixture.eventually("the exchange is no longer counted", () -> fixture.gateway.openConnections(carol) == 0);
        assertThat(fixture.gateway.quietMillis(carol)).as("quiet since the exchange ended, a moment ago")
                .isBetween(0L, 60_000L);
        assertThat(fixture.gateway.quietMillis("dave#7")).as("a user never served").isEqualTo(Long.MAX_VALUE);
        fixture.gateway.down(carol);
        assertThat(fixture.gateway.quietMillis(carol)).as("forgotten with the route").isEqualTo(Long.MAX_VALUE);
    }

    /**
     * An anonymous request naming a user (a capability link without an instance, or a probe) never starts anything, and
     * is answered the same whether or not the user exists or is mapped: nothing to learn, nothing launched.
     */
    @Test
    void aRequestWithoutAuthorizationForAUserWithoutRouteIs404AndStartsNothing() throws Exception {
        String hint = RouteKey.hint("mapped#1");
        HttpResponse<String> byHint = fixture.send(fixture.request("/ucloud/slurm/download?token=abc&usernameHint=" + hint).build());
        HttpResponse<String> byHeader = fixture.send(fixture.request("/ucloud/slurm/files/browse")
                .header("ucloud-username", RouteKey.header("nobody#0")).build());

        assertThat(byHint.statusCode()).isEqualTo(404);
        assertThat(byHeader.statusCode()).isEqualTo(404);
        assertThat(byHint.body()).isEqualTo(byHeader.body())
                .isEqualTo("{\"statusCode\":404,\"why\":\"This link is unknown or has expired; start again from UCloud\","
                        + "\"errorCode\":null}");
        assertThat(fixture.coldStart.noMoreCalls()).as("no cold start was asked for").isTrue();
    }

    @Test
    void aRequestWithoutAuthorizationStillReachesARunningInstance() throws Exception {
        HttpResponse<String> response = fixture.send(fixture.request("/ucloud/slurm/download?token=abc&usernameHint="
                + RouteKey.hint(ALICE)).build());

        assertThat(BackendReply.parse(response.body()).backend()).isEqualTo("alice");
    }

    @Test
    void answersRefusedColdStartWithItsStatusAndWhy() throws Exception {
        fixture.coldStart.futureFor("dave#7").completeExceptionally(
                new ColdStartRefused(403, "Your UCloud account is not connected to this provider"));

        HttpResponse<String> response = fixture.getAs("dave#7", "/ucloud/slurm/files/browse");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(response.body()).isEqualTo("{\"statusCode\":403,\"why\":\"Your UCloud account is not connected"
                + " to this provider\",\"errorCode\":null}");
    }

    @Test
    void answers503WhenColdStartFailsOtherwise() throws Exception {
        fixture.coldStart.futureFor("erin#8").completeExceptionally(new IllegalStateException("sudo: a password is required"));

        HttpResponse<String> response = fixture.getAs("erin#8", "/ucloud/slurm/files/browse");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo(
                "{\"statusCode\":503,\"why\":\"The user's instance could not be started\",\"errorCode\":null}");
    }

    @Test
    void asksForColdStartAgainAfterRouteDown() throws Exception {
        assertThat(BackendReply.parse(fixture.getAs(ALICE, "/a").body()).backend()).isEqualTo("alice");
        assertThat(fixture.coldStart.noMoreCalls()).isTrue();

        fixture.gateway.down(ALICE);
        assertThat(fixture.gateway.list()).doesNotContainKey(ALICE);
        CompletableFuture<HttpResponse<String>> response = fixture.http.sendAsync(fixture.request("/b")
                .header("ucloud-username", RouteKey.header(ALICE)).header("Authorization", GatewayFixture.CORE_TOKEN).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(fixture.coldStart.nextCall()).isEqualTo(ALICE);
        NamedBackend relaunched = fixture.closeLater(new NamedBackend("alice-relaunched"));
        fixture.gateway.up(ALICE, relaunched.port());
        fixture.coldStart.futureFor(ALICE).complete(relaunched.port());
        assertThat(BackendReply.parse(response.get().body()).backend()).isEqualTo("alice-relaunched");
    }

    @Test
    void callsColdStartForEachConcurrentFirstRequest() throws Exception {
        String frank = "frank#9";
        var first = fixture.http.sendAsync(fixture.request("/1").header("ucloud-username", RouteKey.header(frank))
                .header("Authorization", GatewayFixture.CORE_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        var second = fixture.http.sendAsync(fixture.request("/2").header("ucloud-username", RouteKey.header(frank))
                .header("Authorization", GatewayFixture.CORE_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(fixture.coldStart.nextCall()).isEqualTo(frank);
        assertThat(fixture.coldStart.nextCall()).isEqualTo(frank);
        NamedBackend instance = fixture.closeLater(new NamedBackend("frank"));
        fixture.coldStart.futureFor(frank).complete(instance.port());

        assertThat(BackendReply.parse(first.get().body()).backend()).isEqualTo("frank");
        assertThat(BackendReply.parse(second.get().body()).backend()).isEqualTo("frank");
    }
}
