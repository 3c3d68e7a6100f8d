package dk.sdu.im.gateway;

import static dk.sdu.im.gateway.GatewayFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the gateway answers itself: UCloud's JSON error body, then it closes the connection and keeps serving. */
class ErrorsTest {
    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.started();

    @Test
    void answers502WhenTheUsersInstanceIsDown() throws Exception {
        fixture.gateway.up("hank#5", GatewayFixture.closedPort());

        HttpResponse<String> response = fixture.getAs("hank#5", "/ucloud/slurm/files/browse");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo(
                "{\"statusCode\":502,\"why\":\"The user's instance could not be reached\",\"errorCode\":null}");
    }

    @Test
    void answers502WhenTheIntegrationModuleIsDown() throws Exception {
        InetSocketAddress nowhere = new InetSocketAddress(GatewayFixture.LOOPBACK, GatewayFixture.closedPort());
        try (EmbeddedGateway gateway = EmbeddedGateway.start(fixture.settings(nowhere));
                RawClient client = new RawClient(gateway.address())) {
            RawClient.Response response = client.send(KeepAliveAndStreamingTest.get(null, "/ucloud/slurm/products")).read();

            assertThat(response.status()).isEqualTo(502);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(response.text()).isEqualTo(
                    "{\"statusCode\":502,\"why\":\"The integration module is not reachable\",\"errorCode\":null}");
        }
    }

    @Test
    void answers431ForOversizedHeaderAndKeepsServing() throws Exception {
        RawClient client = fixture.raw();

        RawClient.Response response = client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(100_000) + "\r\n\r\n").read();

        assertThat(response.status()).isEqualTo(431);
        assertThat(response.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(response.text()).isEqualTo(
                "{\"statusCode\":431,\"why\":\"The request's header is too large\",\"errorCode\":null}");
        assertThat(client.closedByPeer()).isTrue();
        assertThat(fixture.getAs(ALICE, "/still-serving").statusCode()).isEqualTo(200);
    }

    @Test
    void answers400ForMalformedRequestLineAndKeepsServing() throws Exception {
        for (String garbage : new String[] {"GARBAGE\r\n\r\n", "GET /a b HTTP/1.1\r\n\r\n", "GET nopath HTTP/1.1\r\n\r\n",
                "GET / HTTP/1.1\nHost: x\n\n", "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n"}) {
            RawClient client = fixture.raw();

            RawClient.Response response = client.send(garbage).read();

            assertThat(response.status()).as(garbage).isEqualTo(400);
            assertThat(response.text()).isEqualTo(
                    "{\"statusCode\":400,\"why\":\"The request is malformed\",\"errorCode\":null}");
            assertThat(client.closedByPeer()).isTrue();
        }
        assertThat(fixture.getAs(ALICE, "/still-serving").statusCode()).isEqualTo(200);
        assertThat(fixture.alice.requests()).isEqualTo(1);
    }

    @Test
    void refusesAmbiguousBodyFramingWith400() throws Exception {
        RawClient client = fixture.raw();

        RawClient.Response response = client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n").read();

        assertThat(response.status()).isEqualTo(400);
        assertThat(fixture.system.requests()).isZero();
    }

    @Test
    void answers505ForOtherHttpVersions() throws Exception {
        RawClient.Response response = fixture.raw().send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n").read();

        assertThat(response.status()).isEqualTo(505);
    }
}
