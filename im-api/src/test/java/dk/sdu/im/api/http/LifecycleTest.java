package dk.sdu.im.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How connections end (RFC 6455 7): close handshakes both ways, half-read messages, idleness, shutdown. */
class LifecycleTest {
    static final Duration IDLE = Duration.ofMillis(300);

    final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    TestServer t;

    @BeforeEach
    void start() throws IOException {
        t = new TestServer(Map.of(
                "/half-reader", handshake -> this::readHalfThenRead,
                "/skipper", handshake -> this::skipBinaryThenEcho,
                "/patient", handshake -> socket -> {
                    socket.setIdleTimeout(Duration.ofSeconds(5));
                    socket.sendText(((Incoming.Text) socket.read()).text());
                    socket.read();
                }), IDLE);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    /** Reads 10 bytes of a binary message, then the rest, recording what happens; then reads once more. */
    private void readHalfThenRead(WebSocket socket) throws IOException {
        var binary = (Incoming.Binary) socket.read();
        events.add(binary.payload().readNBytes(10).length);
        try {
            binary.payload().readAllBytes();
            events.add("read to the end");
        } catch (IOException e) {
            events.add(e);
        }
        events.add(socket.read());
    }

    private void skipBinaryThenEcho(WebSocket socket) throws IOException {
        assertThat(socket.read()).isInstanceOf(Incoming.Binary.class);
        Incoming next = socket.read();
        socket.sendText(((Incoming.Text) next).text());
        socket.read();
    }

    Object nextEvent() throws InterruptedException {
        Object next = events.poll(5, TimeUnit.SECONDS);
        assertThat(next).as("an event within 5 s").isNotNull();
        return next;
    }

    @Test
    void clientCloseIsEchoedAndTheServerHangsUpFirst() throws Exception {
        try (RawClient client = RawClient.upgraded(t.address(), "/echo")) {
            client.close(1000, "bye");

            RawClient.Frame echo = client.readFrame();
            assertThat(echo.closeCode()).isEqualTo(1000);
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(t.nextSeen()).isEqualTo(new Incoming.Closed(1000, "bye"));
        t.awaitOpenSockets(0);
    }

    @Test
    void closeWithoutACodeIsEchoedEmptyAndSeenAs1005() throws Exception {
        try (RawClient client = RawClient.upgraded(t.address(), "/echo")) {
            client.frame(0x88, new byte[0]);

            RawClient.Frame echo = client.readFrame();
            assertThat(echo.opcode()).isEqualTo(0x8);
            assertThat(echo.payload()).isEmpty();
        }
        assertThat(t.nextSeen()).isEqualTo(new Incoming.Closed(1005, ""));
    }

    @Test
    void pingBetweenFragmentsIsAnsweredAndTheMessageCompletes() throws Exception {
        try (RawClient client = RawClient.upgraded(t.address(), "/echo")) {
            client.frame(0x01, "frag".getBytes());
            client.frame(0x89, "mid".getBytes());
            client.frame(0x8A, "unsolicited pong".getBytes());
            client.frame(0x80, "ment".getBytes());

            RawClient.Frame pong = client.readFrame();
            assertThat(pong.opcode()).isEqualTo(0xA);
            assertThat(pong.text()).isEqualTo("mid");
            assertThat(client.readFrame().text()).isEqualTo("fragment");
        }
    }

    @Test
    void binaryFrameWithA64BitLengthIsUnmaskedIntact() throws Exception {
        byte[] data = MessagingTest.pattern(70_001);
        try (RawClient client = RawClient.upgraded(t.address(), "/echo")) {
            client.frame(0x82, data);

            assertThat(client.readFrame().text()).isEqualTo("binary 70001 " + TestServer.sha256(data));
        }
    }

    @Test
    void unreadBinaryMessageIsSkippedByTheNextRead() throws Exception {
        try (RawClient client = RawClient.upgraded(t.address(), "/skipper")) {
            client.frame(0x02, new byte[100_000]);
            client.frame(0x89, "ping".getBytes());
            client.frame(0x80, new byte[100_000]);
            client.text("after");

            assertThat(client.readFrame().opcode()).isEqualTo(0xA);
            assertThat(client.readFrame().text()).isEqualTo("after");
        }
    }

    @Test
    void closeInTheMiddleOfABinaryMessageBreaksItsStreamAndEndsTheConversation() throws Exception {
        try (RawClient client = RawClient.upgraded(t.address(), "/half-reader")) {
            client.frame(0x02, new byte[1000]);
            client.close(1001, "tab closed");

            assertThat(client.readCloseCode()).isEqualTo(1001);
            assertThat(nextEvent()).isEqualTo(10);
            assertThat(nextEvent()).isInstanceOfSatisfying(IOException.class,
                    e -> assertThat(e).hasMessageContaining("middle of a binary message"));
            assertThat(nextEvent()).isEqualTo(new Incoming.Closed(1001, "tab closed"));
        }
        t.awaitOpenSockets(0);
    }

    @Test
    void clientVanishingInTheMiddleOfABinaryMessageLeavesNoOpenSocket() throws Exception {
        RawClient client = RawClient.upgraded(t.address(), "/half-reader");
        t.awaitOpenSockets(1);
        byte[] header = {(byte) 0x82, (byte) (0x80 | 127), 0, 0, 0, 0, 0, 0x10, 0, 0, 1, 2, 3, 4};
        client.out.write(header);
        client.out.write(new byte[100_000]);
        client.out.flush();
        assertThat(nextEvent()).isEqualTo(10);

        client.socket.setSoLinger(true, 0);
        client.close();

        assertThat(nextEvent()).isInstanceOf(IOException.class);
        t.awaitOpenSockets(0);
    }

    @Test
    void silentConnectionIsClosedWith1001AfterTheIdleTimeout() throws Exception {
        try (RawClient client = RawClient.upgraded(t.address(), "/echo")) {
            long start = System.nanoTime();

            assertThat(client.readCloseCode()).isEqualTo(1001);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(IDLE.minusMillis(50), IDLE.plusSeconds(2));
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(t.nextSeen()).isInstanceOfSatisfying(TestServer.Failure.class,
                failure -> assertThat(failure.exception()).isInstanceOf(SocketTimeoutException.class));
        t.awaitOpenSockets(0);
    }

    @Test
    void sessionMayLengthenItsIdleTimeout() throws Exception {
        try (RawClient client = RawClient.upgraded(t.address(), "/patient")) {
            Thread.sleep(IDLE.multipliedBy(2).toMillis());
            client.text("late");

            assertThat(client.readFrame().text()).isEqualTo("late");
        }
    }

    @Test
    void closingTheServerClosesEveryConnectionAndLeavesNothingOpen() throws Exception {
        try (RawClient first = RawClient.upgraded(t.address(), "/echo");
                RawClient second = RawClient.upgraded(t.address(), "/echo");
                RawClient handshaking = RawClient.connect(t.address())) {
            handshaking.sendHead("GET /echo HTTP/1.1\r\n");
            t.awaitOpenSockets(2);
            long start = System.nanoTime();

            t.server.close();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(t.server.openSockets()).isZero();
            assertThat(first.readCloseCode()).isEqualTo(1001);
            assertThat(second.readCloseCode()).isEqualTo(1001);
            assertThat(first.closedByServer()).isTrue();
            assertThat(handshaking.closedByServer()).isTrue();
        }
        assertThat(t.nextSeen()).isEqualTo(new Incoming.Closed(1001, "server shutting down"));
        assertThat(t.nextSeen()).isEqualTo(new Incoming.Closed(1001, "server shutting down"));
        assertThatThrownBy(() -> new Socket(t.address().getAddress(), t.address().getPort()).close())
                .isInstanceOf(IOException.class);
    }

    @Test
    void peerCloseFreesASessionBlockedSendingToAPeerThatDoesNotRead() throws Exception {
        // An idle timeout well beyond the wait below: the watcher must see the peer's close, not give up first.
        try (TestServer server = new TestServer(Map.of("/flood", handshake -> this::floodWhileWatching), Duration.ofSeconds(30));
                RawClient client = RawClient.upgraded(server.address(), "/flood")) {
            client.socket.setReceiveBufferSize(4096);
            Thread.sleep(300);
            client.close(1000, "stop");

            assertThat(nextEvent()).isEqualTo(new Incoming.Closed(1000, "stop"));
            assertThat(nextEvent()).isInstanceOf(IOException.class);
            server.awaitOpenSockets(0);
        }
    }

    /** Sends until sending fails, while another thread reads (as a streaming search does). */
    private void floodWhileWatching(WebSocket socket) throws InterruptedException {
        Thread watcher = Thread.ofVirtual().start(() -> {
            try {
                events.add(socket.read());
            } catch (IOException e) {
                events.add("watcher failed: " + e);
            }
        });
        try {
            while (true) {
                socket.sendBinary(ByteBuffer.allocate(1024 * 1024));
            }
        } catch (IOException e) {
            watcher.join();
            events.add(e);
        }
    }

    @Test
    void sendsAfterTheCloseFail() throws Exception {
        BlockingQueue<Object> outcome = new LinkedBlockingQueue<>();
        try (TestServer server = new TestServer(Map.of("/late", handshake -> socket -> {
            socket.close(1000, "done");
            try {
                socket.sendText("too late");
                outcome.add("sent");
            } catch (IOException e) {
                outcome.add(e);
            }
            outcome.add(socket.read());
        }), IDLE); RawClient client = RawClient.upgraded(server.address(), "/late")) {
            assertThat(client.readCloseCode()).isEqualTo(1000);
            client.close(1000, "");

            assertThat(outcome.poll(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
            assertThat(outcome.poll(5, TimeUnit.SECONDS)).isInstanceOf(Incoming.Closed.class);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void closeRejectsCodesThatMayNotBeSent() throws Exception {
        BlockingQueue<Object> outcome = new LinkedBlockingQueue<>();
        try (TestServer server = new TestServer(Map.of("/bad-code", handshake -> socket -> {
            for (int code : new int[] {999, 1005, 1006, 1015, 2000, 5000}) {
                try {
                    socket.close(code, "");
                    outcome.add(code);
                } catch (IllegalArgumentException e) {
                    outcome.add(e);
                }
            }
            socket.sendBinary(ByteBuffer.wrap(new byte[] {42}));
        }), IDLE); RawClient client = RawClient.upgraded(server.address(), "/bad-code")) {
            for (int i = 0; i < 6; i++) {
                assertThat(outcome.poll(5, TimeUnit.SECONDS)).isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(client.readFrame().payload()).containsExactly(42);
            assertThat(client.readCloseCode()).isEqualTo(1000);
        }
    }
}
