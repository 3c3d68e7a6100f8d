package dk.sdu.im.gateway;

import static dk.sdu.im.gateway.GatewayFixture.ALICE;
import static dk.sdu.im.gateway.GatewayFixture.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bodies are streamed in their own framing, and every request on a kept-alive connection is routed anew. */
class KeepAliveAndStreamingTest {
    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.started();

    @Test
    void routesEachRequestOnOneKeepAliveConnectionToItsOwnUser() throws Exception {
        RawClient client = fixture.raw();

        RawClient.Response first = client.send(get(ALICE, "/first")).read();
        RawClient.Response second = client.send(get(BOB, "/second")).read();
        RawClient.Response third = client.send(get(null, "/third")).read();
        RawClient.Response fourth = client.send(post(ALICE, "/fourth", "hello")).read();

        assertThat(BackendReply.parse(first.text()).backend()).isEqualTo("alice");
        assertThat(BackendReply.parse(second.text()).backend()).isEqualTo("bob");
        assertThat(BackendReply.parse(third.text()).backend()).isEqualTo("system");
        assertThat(BackendReply.parse(fourth.text()).get("bodyBytes")).isEqualTo("5");
        assertThat(first.header("Connection")).isNull();
        assertThat(fixture.alice.requests()).isEqualTo(2);
        assertThat(fixture.bob.requests()).isEqualTo(1);
    }

    @Test
    void routesPipelinedRequestsSeparately() throws Exception {
        RawClient client = fixture.raw().send(post(ALICE, "/one", "abc") + get(BOB, "/two"));

        assertThat(BackendReply.parse(client.read().text()).backend()).isEqualTo("alice");
        assertThat(BackendReply.parse(client.read().text()).backend()).isEqualTo("bob");
    }

    /**
     * A fixed-length body that arrives with its head is sent on with it, without a copier; one that follows its head
     * later is copied as it comes. Either way the backend gets it byte for byte, and the connection carries the next
     * request.
     */
    @Test
    void relaysAFixedBodyWhetherItCameWithItsHeadOrAfterIt() throws Exception {
        RawClient client = fixture.raw();
        String together = "together ".repeat(300);
        String after = "after ".repeat(500);
        String late = post(ALICE, "/late", after);
        int headEnd = late.indexOf("\r\n\r\n") + 4;

        BackendReply first = BackendReply.parse(client.send(post(ALICE, "/together", together)).read().text());
        client.send(late.substring(0, headEnd));
        Thread.sleep(200); // lets the gateway forward the head before the body exists
        BackendReply second = BackendReply.parse(client.send(late.substring(headEnd)).read().text());
        BackendReply third = BackendReply.parse(client.send(get(ALICE, "/next")).read().text());

        assertThat(first.get("bodyBytes")).isEqualTo(Integer.toString(together.length()));
        assertThat(first.get("bodySha256")).isEqualTo(sha256(together));
        assertThat(second.get("bodyBytes")).isEqualTo(Integer.toString(after.length()));
        assertThat(second.get("bodySha256")).isEqualTo(sha256(after));
        assertThat(third.get("uri")).isEqualTo("/next");
        assertThat(fixture.alice.requests()).isEqualTo(3);
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void closesTheConnectionWhenTheClientAsksTo() throws Exception {
        RawClient client = fixture.raw();
        RawClient.Response response = client.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").read();

        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(client.closedByPeer()).isTrue();
    }

    @Test
    void relaysChunkedRequestBodyIntact() throws Exception {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        StringBuilder chunked = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String piece = ("chunk " + i + " ").repeat(i * 37 + 1);
            expected.writeBytes(piece.getBytes(StandardCharsets.ISO_8859_1));
            chunked.append(Integer.toHexString(piece.length())).append(i % 2 == 0 ? ";ext=1" : "").append("\r\n")
                    .append(piece).append("\r\n");
        }
        chunked.append("0\r\n\r\n"); // JDK HttpServer, the backend here, does not accept trailers
        RawClient client = fixture.raw();

        RawClient.Response response = client.send("POST /ucloud/slurm/files/upload HTTP/1.1\r\nHost: x\r\n"
                + "ucloud-username: " + RouteKey.header(ALICE) + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked).read();

        BackendReply reply = BackendReply.parse(response.text());
        assertThat(reply.backend()).as(response.status() + " " + response.text()).isEqualTo("alice");
        assertThat(reply.get("bodyBytes")).isEqualTo(String.valueOf(expected.size()));
        assertThat(reply.get("bodySha256")).isEqualTo(RoutingTest.sha256(expected.toByteArray()));
        assertThat(BackendReply.parse(client.send(get(BOB, "/after")).read().text()).backend())
                .as("the connection is positioned at the next request").isEqualTo("bob");
    }

    @Test
    void relaysChunkedResponseAsChunks() throws Exception {
        RawClient client = fixture.raw();

        RawClient.Response response = client.send(get(ALICE, "/ucloud/slurm/files/download?chunks=7")).read();

        assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(response.text()).isEqualTo(NamedBackend.chunkedBody("alice", 7));
        assertThat(BackendReply.parse(client.send(get(BOB, "/after")).read().text()).backend()).isEqualTo("bob");
    }

    @Test
    void closesClientConnectionWhenBackendDiesMidResponse() throws Exception {
        OneShotBackend broken = fixture.closeLater(
                new OneShotBackend("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(100)));
        fixture.gateway.up("gina#3", broken.port());
        RawClient client = fixture.raw();

        RawClient.Response response = client.send(get("gina#3", "/file")).read();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).hasSizeLessThan(1000);
        assertThat(client.closedByPeer()).isTrue();
    }

    @Test
    void relaysALargeFixedBodyIntactAndKeepsTheConnectionForTheNextRequest() throws Exception {
        String body = largeBody(3 * 1024 * 1024 + 7);
        OneShotBackend download = fixture.closeLater(
                new OneShotBackend("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body));
        fixture.gateway.up("hugo#5", download.port());
        RawClient client = fixture.raw();

        RawClient.Response response = client.send(get("hugo#5", "/file")).read();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(response.header("Connection")).isNull();
        assertThat(BackendReply.parse(client.send(get(BOB, "/after")).read().text()).backend())
                .as("the connection is positioned at the next request").isEqualTo("bob");
    }

    @Test
    void closesClientConnectionWhenBackendDiesMidLargeResponse() throws Exception {
        OneShotBackend broken = fixture.closeLater(new OneShotBackend("HTTP/1.1 200 OK\r\nContent-Length: "
                + (2 * 1024 * 1024) + "\r\n\r\n" + largeBody(1024 * 1024)));
        fixture.gateway.up("gina#3", broken.port());
        RawClient client = fixture.raw();

        RawClient.Response response = client.send(get("gina#3", "/file")).read();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).hasSizeLessThan(2 * 1024 * 1024);
        assertThat(client.closedByPeer()).isTrue();
    }

    @Test
    void relaysContinueSoTheClientSendsItsBody() throws Exception {
        RawClient client = fixture.raw().send("POST /ucloud/slurm/files/upload HTTP/1.1\r\nHost: x\r\n"
                + "ucloud-username: " + RouteKey.header(ALICE) + "\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");

        assertThat(client.read().status()).isEqualTo(100);
        RawClient.Response response = client.send("hello").read();

        assertThat(BackendReply.parse(response.text()).get("bodySha256"))
                .isEqualTo(RoutingTest.sha256("hello".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void closesConnectionAfterAnAnswerThatLeftTheBodyUnread() throws Exception {
        OneShotBackend early = fixture.closeLater(
                new OneShotBackend("HTTP/1.1 413 Content Too Large\r\nContent-Length: 2\r\n\r\nno"));
        fixture.gateway.up("ivan#4", early.port());
        RawClient client = fixture.raw();

        RawClient.Response response = client.send("POST /ucloud/slurm/files/upload HTTP/1.1\r\nHost: x\r\n"
                + "ucloud-username: " + RouteKey.header("ivan#4") + "\r\nContent-Length: 10000000\r\n\r\n").read();

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.text()).isEqualTo("no");
        assertThat(response.header("Connection")).as("the body's rest would be taken for a request").isEqualTo("close");
        assertThat(client.closedByPeer()).isTrue();
    }

    /** Every byte value, in an order that a misplaced or repeated piece would break. */
    private static String largeBody(int length) {
        byte[] bytes = new byte[length];
        new java.util.Random(length).nextBytes(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static String get(String user, String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: gateway\r\n" + userHeader(user) + "\r\n";
    }

    static String post(String user, String target, String body) {
        return "POST " + target + " HTTP/1.1\r\nHost: gateway\r\n" + userHeader(user)
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static String userHeader(String user) {
        return user == null ? "" : "ucloud-username: " + RouteKey.header(user) + "\r\n";
    }
}
