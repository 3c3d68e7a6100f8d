package dk.sdu.im.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.ApiException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 4.2: the opening handshake is checked, bounded in size and time, and refused with a JSON why. */
class HandshakeTest {
    final ObjectMapper json = new ObjectMapper();
    TestServer t;

    @BeforeEach
    void start() throws IOException {
        t = new TestServer(Map.of(
                "/refuse", handshake -> {
                    throw ApiException.of(403, "You may not upload here", "NO_UPLOAD");
                },
                "/crash", handshake -> {
                    throw new IllegalStateException("a bug in the endpoint");
                },
                "/search x", handshake -> t.echo(handshake)), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    RawClient.Reply reply(String head) throws IOException {
        try (RawClient client = RawClient.connect(t.address())) {
            client.sendHead(head);
            RawClient.Reply reply = client.readReply();
            assertThat(client.closedByServer()).as("connection closed after a refusal").isTrue();
            return reply;
        }
    }

    void assertRefused(RawClient.Reply reply, int status, String whyFragment) throws IOException {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.header("content-type")).startsWith("application/json");
        assertThat(reply.header("connection")).isEqualTo("close");
        JsonNode body = json.readTree(reply.body());
        assertThat(body.get("statusCode").asInt()).isEqualTo(status);
        assertThat(body.get("why").asText()).contains(whyFragment);
        assertThat(body.has("errorCode")).isTrue();
        assertThat(t.handshakes).as("the endpoint is not asked").isEmpty();
    }

    @Test
    void validHandshakeIsSwitchedWithTheRfcAcceptKeyAndNoExtensionOrSubprotocol() throws Exception {
        try (RawClient client = RawClient.connect(t.address())) {
            client.sendHead(RawClient.handshake("/echo", "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                    + "Sec-WebSocket-Protocol: chat, superchat\r\n"));
            RawClient.Reply reply = client.readReply();

            assertThat(reply.status()).isEqualTo(101);
            assertThat(reply.header("sec-websocket-accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
            assertThat(reply.header("upgrade")).isEqualToIgnoringCase("websocket");
            assertThat(reply.header("connection")).isEqualToIgnoringCase("upgrade");
            assertThat(reply.headers()).doesNotContainKeys("sec-websocket-extensions", "sec-websocket-protocol");

            client.text("hello");
            RawClient.Frame echo = client.readFrame();
            assertThat(echo.fin()).isTrue();
            assertThat(echo.opcode()).isEqualTo(0x1);
            assertThat(echo.text()).isEqualTo("hello");
        }
    }

    @Test
    void endpointSeesDecodedPathQueryHeadersAndPeer() throws Exception {
        try (RawClient client = RawClient.connect(t.address())) {
            client.sendHead(RawClient.handshake("/search%20x?q=a+b%21&token=x%2By&flag&q=c",
                    "X-Forwarded-For: 192.0.2.7\r\nX-Many: one\r\nx-many:  two \r\n"));
            assertThat(client.readReply().status()).isEqualTo(101);
        }
        Handshake handshake = t.handshakes.poll(5, TimeUnit.SECONDS);

        assertThat(handshake).isNotNull();
        assertThat(handshake.method()).isEqualTo("GET");
        assertThat(handshake.rawPath()).isEqualTo("/search%20x");
        assertThat(handshake.path()).isEqualTo("/search x");
        assertThat(handshake.query()).containsExactly(
                Map.entry("q", List.of("a b!", "c")), Map.entry("token", List.of("x+y")), Map.entry("flag", List.of("")));
        assertThat(handshake.query("token")).isEqualTo("x+y");
        assertThat(handshake.query("absent")).isNull();
        assertThatThrownBy(() -> handshake.query("q")).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).status()).isEqualTo(400);
        assertThat(handshake.header("X-Forwarded-For")).isEqualTo("192.0.2.7");
        assertThat(handshake.header("x-many")).isEqualTo("one, two");
        assertThat(handshake.headersLowerCase()).containsKey("sec-websocket-key");
        assertThat(handshake.peer().isLoopbackAddress()).isTrue();
    }

    @Test
    void connectionAndUpgradeTokensMatchCaseInsensitivelyWithinLists() throws Exception {
        String head = "GET /echo HTTP/1.1\r\nHost: h\r\nUpgrade: WebSocket\r\nConnection: keep-alive, UPGRADE\r\n"
                + "Sec-WebSocket-Key: " + RawClient.SAMPLE_KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        try (RawClient client = RawClient.connect(t.address())) {
            client.sendHead(head);
            assertThat(client.readReply().status()).isEqualTo(101);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Sec-WebSocket-Key: not base64!!!!!!!!!!!!!\r\n", "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAA\r\n",
        "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA\r\n", "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAAAA\r\n",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"})
    void keyThatIsNotOneBase64Of16BytesIs400(String keyField) throws Exception {
        String head = "GET /echo HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + keyField + "Sec-WebSocket-Version: 13\r\n\r\n";

        assertRefused(reply(head), 400, "Sec-WebSocket-Key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8", "12", "14", "13, 8", ""})
    void versionOtherThan13Is426NamingTheSupportedVersion(String version) throws Exception {
        String head = RawClient.handshake("/echo", "").replace("Sec-WebSocket-Version: 13\r\n",
                version.isEmpty() ? "" : "Sec-WebSocket-Version: " + version + "\r\n");
        RawClient.Reply reply = reply(head);

        assertRefused(reply, 426, "version 13");
        assertThat(reply.header("sec-websocket-version")).isEqualTo("13");
    }

    @Test
    void unknownPathIs404() throws Exception {
        assertRefused(reply(RawClient.handshake("/nowhere?x=1", "")), 404, "/nowhere");
    }

    @Test
    void refusalsNameTheirCause() throws Exception {
        String valid = RawClient.handshake("/echo", "");
        assertRefused(reply(valid.replace("GET ", "POST ")), 400, "GET");
        assertRefused(reply(valid.replace("HTTP/1.1", "HTTP/1.0")), 400, "HTTP/1.1");
        assertRefused(reply(valid.replace("Upgrade: websocket\r\n", "")), 400, "Upgrade: websocket");
        assertRefused(reply(valid.replace("Upgrade: websocket\r\n", "Upgrade: h2c\r\n")), 400, "Upgrade: websocket");
        assertRefused(reply(valid.replace("Connection: Upgrade\r\n", "Connection: keep-alive\r\n")), 400, "Connection");
        assertRefused(reply(valid.replace("Host: 127.0.0.1\r\n", "")), 400, "Host");
        assertRefused(reply(valid.replace("Host: 127.0.0.1\r\n", "Host: 127.0.0.1\n")), 400, "bare LF");
        assertRefused(reply(valid.replace("Host: 127.0.0.1\r\n", "Host : 127.0.0.1\r\n")), 400, "malformed");
        assertRefused(reply(valid.replace("Host: 127.0.0.1\r\n", "Host: 127.0.0.1\r\n folded\r\n")), 400, "malformed");
        assertRefused(reply(valid.replace("GET /echo", "GET http://h/echo")), 400, "must be a path");
        assertRefused(reply(valid.replace("GET /echo", "GET /ec%zzho")), 400, "percent-encoding");
    }

    @Test
    void endpointRefusalIsSentWithItsStatusWhyAndErrorCode() throws Exception {
        RawClient.Reply reply = reply(RawClient.handshake("/refuse", ""));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(json.readTree(reply.body())).isEqualTo(json.readTree(
                "{\"statusCode\":403,\"why\":\"You may not upload here\",\"errorCode\":\"NO_UPLOAD\"}"));
    }

    @Test
    void endpointFailureIs500WithoutItsMessage() throws Exception {
        RawClient.Reply reply = reply(RawClient.handshake("/crash", ""));

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body()).doesNotContain("bug");
    }

    @Test
    void headLargerThanTheLimitIs431() throws Exception {
        String padding = "X-Padding: " + "a".repeat(TestServer.MAX_HEAD) + "\r\n";

        assertRefused(reply(RawClient.handshake("/echo", padding)), 431, String.valueOf(TestServer.MAX_HEAD));
    }

    @Test
    void headJustWithinTheLimitIsAccepted() throws Exception {
        String base = RawClient.handshake("/echo", "");
        String padding = "X-Padding: " + "a".repeat(TestServer.MAX_HEAD - base.length() - 13) + "\r\n";
        String head = RawClient.handshake("/echo", padding);
        assertThat(head).hasSize(TestServer.MAX_HEAD);

        try (RawClient client = RawClient.connect(t.address())) {
            client.sendHead(head);
            assertThat(client.readReply().status()).isEqualTo(101);
        }
    }

    @Test
    void handshakeNotCompleteInTimeIsAnswered408AndClosed() throws Exception {
        try (RawClient client = RawClient.connect(t.address())) {
            long start = System.nanoTime();
            client.sendHead("GET /echo HTTP/1.1\r\nHost: h\r\n");
            RawClient.Reply reply = client.readReply();
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(reply.status()).isEqualTo(408);
            assertThat(client.closedByServer()).isTrue();
            assertThat(waited).isBetween(TestServer.HANDSHAKE_TIMEOUT.minusMillis(50), TestServer.HANDSHAKE_TIMEOUT.plusSeconds(1));
        }
    }

    @Test
    void clientTricklingItsHeadStillRunsOutOfTime() throws Exception {
        try (RawClient client = RawClient.connect(t.address())) {
            long start = System.nanoTime();
            byte[] head = RawClient.handshake("/echo", "").getBytes();
            for (int i = 0; i < head.length - 2 && client.in.available() == 0; i++) {
                client.out.write(head[i]);
                client.out.flush();
                Thread.sleep(20);
            }
            RawClient.Reply reply = client.readReply();

            assertThat(reply.status()).isEqualTo(408);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TestServer.HANDSHAKE_TIMEOUT.plusSeconds(1));
        }
    }

    @Test
    void framesSentRightAfterTheHeadAreNotLost() throws Exception {
        try (RawClient client = RawClient.connect(t.address())) {
            byte[] head = RawClient.handshake("/echo", "").getBytes();
            byte[] frame = RawClient.frameBytes(0x81, "eager".getBytes(), true);
            byte[] both = Arrays.copyOf(head, head.length + frame.length);
            System.arraycopy(frame, 0, both, head.length, frame.length);
            client.out.write(both);

            assertThat(client.readReply().status()).isEqualTo(101);
            assertThat(client.readFrame().text()).isEqualTo("eager");
        }
    }

    @Test
    void connectionClosedBeforeAnyByteIsForgotten() throws Exception {
        RawClient.connect(t.address()).close();

        try (RawClient client = RawClient.upgraded(t.address(), "/echo")) {
            client.text("still serving");
            assertThat(client.readFrame().text()).isEqualTo("still serving");
        }
    }

    @Test
    void onlyLoopbackAddressesAreBound() {
        assertThatThrownBy(() -> HttpListener.start(new InetSocketAddress("0.0.0.0", 0), Map.of(),
                HttpListener.Settings.defaults())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback");
    }
}
