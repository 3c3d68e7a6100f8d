package dk.sdu.im.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Production ingress, item 4: WebSocket connections get pings and a write timeout, so that a stalled peer cannot pin a
 * session forever. A quiet connection is pinged; a peer that only answers pings still reaches the idle timeout; a peer
 * that stops reading fails the session's blocked send after the write timeout.
 */
class HeartbeatTest {
    private static final Duration PING = Duration.ofMillis(100);

    @Test
    void pingsAQuietConnectionAndAPeerThatOnlyAnswersPingsStillReachesTheIdleTimeout() throws Exception {
        try (TestServer server = new TestServer(Map.of(), Duration.ofMillis(800), PING, Duration.ofSeconds(30));
                RawClient client = RawClient.upgraded(server.address(), "/echo")) {
            int pings = 0;
            RawClient.Frame frame = client.readFrame();
            for (; frame.opcode() == 0x9 && pings < 100; frame = client.readFrame()) {
                pings++;
                client.frame(0x8A, frame.payload());
            }

            assertThat(pings).as("pings before the close").isPositive().isLessThan(100);
            assertThat(frame.closeCode()).as("closed as idle although every ping was answered").isEqualTo(1001);
            assertThat(server.nextSeen()).isInstanceOfSatisfying(TestServer.Failure.class,
                    failure -> assertThat(failure.exception()).isInstanceOf(SocketTimeoutException.class));
            server.awaitOpenSockets(0);
        }
    }

    @Test
    void aDataFrameAfterAPongStillCountsAsActivity() throws Exception {
        try (TestServer server = new TestServer(Map.of(), Duration.ofSeconds(5), PING, Duration.ofSeconds(30));
                RawClient client = RawClient.upgraded(server.address(), "/echo")) {
            RawClient.Frame ping = client.readFrame();
            assertThat(ping.opcode()).isEqualTo(0x9);
            client.frame(0x8A, ping.payload());
            client.text("after the pong");

            RawClient.Frame frame = client.readFrame();
            while (frame.opcode() == 0x9) {
                frame = client.readFrame();
            }
            assertThat(frame.text()).isEqualTo("after the pong");
        }
    }

    @Test
    void closesAConnectionWhosePeerStopsReadingAndTheBlockedSendFails() throws Exception {
        BlockingQueue<Object> outcome = new LinkedBlockingQueue<>();
        SocketEndpoint flood = handshake -> socket -> {
            try {
                while (true) {
                    socket.sendBinary(ByteBuffer.allocate(1024 * 1024));
                }
            } catch (IOException e) {
                outcome.add(e);
            }
        };
        try (TestServer server = new TestServer(Map.of("/flood", flood), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofMillis(300)); RawClient client = RawClient.upgraded(server.address(), "/flood")) {
            client.socket.setReceiveBufferSize(4096);

            assertThat(outcome.poll(10, TimeUnit.SECONDS)).as("the session's send failed").isInstanceOf(IOException.class);
            server.awaitOpenSockets(0);
        }
    }
}
