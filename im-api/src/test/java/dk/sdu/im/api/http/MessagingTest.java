package dk.sdu.im.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The happy paths, driven by the JDK's own WebSocket client as a browser stand-in. */
class MessagingTest {
    static final int SENDERS = 6;
    static final int MESSAGES_PER_SENDER = 40;

    final HttpClient http = HttpClient.newHttpClient();
    TestServer t;

    @BeforeEach
    void start() throws Exception {
        t = new TestServer(Map.of(
                "/short", handshake -> socket -> { },
                "/fail", handshake -> socket -> {
                    throw new IllegalStateException("session bug");
                },
                "/closer", handshake -> socket -> {
                    socket.read();
                    socket.close(4001, "bye now");
                },
                "/download", handshake -> socket -> {
                    socket.sendBinary(ByteBuffer.allocateDirect(200_000).put(pattern(200_000)).flip());
                    socket.read();
                },
                "/burst", handshake -> this::burst), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        t.close();
        http.close();
    }

    static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    @Test
    void textMessagesAreEchoed() throws Exception {
        JdkClient client = JdkClient.connect(http, t.uri("/echo"));

        client.socket.sendText("hello", true).get();
        assertThat(client.next()).isEqualTo("hello");
        client.socket.sendText("grüße 🌍", true).get();
        assertThat(client.next()).isEqualTo("grüße 🌍");
        assertThat(t.nextSeen()).isEqualTo(new Incoming.Text("hello"));
    }

    @Test
    void binaryOfSeveralMebibytesIsStreamedToTheSessionIntact() throws Exception {
        byte[] data = pattern(6 * 1024 * 1024 + 17);
        JdkClient client = JdkClient.connect(http, t.uri("/echo"));

        client.socket.sendBinary(ByteBuffer.wrap(data), true).get();

        String expected = "binary " + data.length + " " + TestServer.sha256(data);
        assertThat(client.next()).isEqualTo(expected);
        assertThat(t.nextSeen()).isEqualTo(new TestServer.BinaryRead(data.length, TestServer.sha256(data)));
    }

    @Test
    void fragmentedMessagesAreReassembled() throws Exception {
        byte[] data = pattern(300_000);
        JdkClient client = JdkClient.connect(http, t.uri("/echo"));

        client.socket.sendText("hel", false).get();
        client.socket.sendText("", false).get();
        client.socket.sendText("lo", true).get();
        assertThat(client.next()).isEqualTo("hello");

        client.socket.sendBinary(ByteBuffer.wrap(data, 0, 100_000), false).get();
        client.socket.sendBinary(ByteBuffer.wrap(data, 100_000, 150_000), false).get();
        client.socket.sendBinary(ByteBuffer.wrap(data, 250_000, 50_000), true).get();
        assertThat(client.next()).isEqualTo("binary " + data.length + " " + TestServer.sha256(data));
    }

    @Test
    void pingIsAnsweredWithAPongCarryingItsPayload() throws Exception {
        JdkClient client = JdkClient.connect(http, t.uri("/echo"));

        client.socket.sendPing(ByteBuffer.wrap("are you there".getBytes())).get();

        assertThat(client.next()).isInstanceOfSatisfying(JdkClient.Pong.class,
                pong -> assertThat(new String(pong.bytes())).isEqualTo("are you there"));
        client.socket.sendPong(ByteBuffer.wrap("unsolicited".getBytes())).get();
        client.socket.sendText("still fine", true).get();
        assertThat(client.next()).isEqualTo("still fine");
    }

    @Test
    void closeFromTheSessionReachesTheClientWithCodeAndReason() throws Exception {
        JdkClient client = JdkClient.connect(http, t.uri("/closer"));

        client.socket.sendText("please close", true).get();

        assertThat(client.next()).isEqualTo(new JdkClient.Close(4001, "bye now"));
        t.awaitOpenSockets(0);
    }

    @Test
    void closeFromTheClientReachesTheSessionAndIsEchoed() throws Exception {
        JdkClient client = JdkClient.connect(http, t.uri("/echo"));

        client.socket.sendClose(4002, "done").get();

        assertThat(t.nextSeen()).isEqualTo(new Incoming.Closed(4002, "done"));
        assertThat(client.next()).isInstanceOfSatisfying(JdkClient.Close.class,
                close -> assertThat(close.code()).isEqualTo(4002));
        t.awaitOpenSockets(0);
    }

    @Test
    void sessionThatReturnsClosesNormally() throws Exception {
        JdkClient client = JdkClient.connect(http, t.uri("/short"));

        assertThat(client.next()).isInstanceOfSatisfying(JdkClient.Close.class,
                close -> assertThat(close.code()).isEqualTo(1000));
    }

    @Test
    void sessionThatThrowsClosesWith1011() throws Exception {
        JdkClient client = JdkClient.connect(http, t.uri("/fail"));

        assertThat(client.next()).isInstanceOfSatisfying(JdkClient.Close.class,
                close -> assertThat(close.code()).isEqualTo(1011));
    }

    @Test
    void binaryFromTheServerArrivesIntact() throws Exception {
        JdkClient client = JdkClient.connect(http, t.uri("/download"));

        assertThat(client.next()).isInstanceOfSatisfying(JdkClient.Binary.class,
                binary -> assertThat(binary.bytes()).isEqualTo(pattern(200_000)));
    }

    @Test
    void concurrentSendsArriveWholeAndInOrderPerSender() throws Exception {
        JdkClient client = JdkClient.connect(http, t.uri("/burst"));

        client.socket.sendText("go", true).get();

        Map<Integer, List<Integer>> bySender = new HashMap<>();
        for (int i = 0; i < SENDERS * MESSAGES_PER_SENDER; i++) {
            String message = (String) client.next();
            String[] parts = message.split(":", 3);
            int sender = Integer.parseInt(parts[0]);
            int index = Integer.parseInt(parts[1]);
            assertThat(parts[2]).isEqualTo(filler(sender, index));
            bySender.computeIfAbsent(sender, key -> new ArrayList<>()).add(index);
        }
        assertThat(bySender).hasSize(SENDERS);
        bySender.values().forEach(indexes -> assertThat(indexes).isSorted().hasSize(MESSAGES_PER_SENDER));
    }

    /** Sizes that take each of the three length encodings. */
    static String filler(int sender, int index) {
        int length = switch (index % 3) {
            case 0 -> 70_000;
            case 1 -> 300;
            default -> 10;
        };
        return String.valueOf((char) ('a' + sender)).repeat(length);
    }

    private void burst(WebSocket socket) throws Exception {
        socket.read();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (int sender = 0; sender < SENDERS; sender++) {
            int id = sender;
            senders.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                    for (int index = 0; index < MESSAGES_PER_SENDER; index++) {
                        socket.sendText(id + ":" + index + ":" + filler(id, index));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        start.countDown();
        for (Thread sender : senders) {
            sender.join();
        }
        socket.read();
    }

    @Test
    void openSocketsCountsConnectionsPastTheirHandshake() throws Exception {
        assertThat(t.server.openSockets()).isZero();
        List<JdkClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(JdkClient.connect(http, t.uri("/echo")));
        }
        t.awaitOpenSockets(3);

        clients.get(0).socket.sendClose(1000, "").get();
        clients.get(1).socket.sendClose(1001, "").get();
        t.awaitOpenSockets(1);
        clients.get(2).socket.sendClose(1000, "").get();
        t.awaitOpenSockets(0);
    }

    @Test
    void everyReceivedDataFrameCountsAsActivity() throws Exception {
        JdkClient client = JdkClient.connect(http, t.uri("/echo"));
        assertThat(t.activity.get()).isZero();

        client.socket.sendText("a", true).get();
        client.socket.sendText("b", false).get();
        client.socket.sendText("c", true).get();
        client.socket.sendPing(ByteBuffer.allocate(0)).get();
        assertThat(client.next()).isEqualTo("a");
        assertThat(client.next()).isEqualTo("bc");
        assertThat(client.next()).isInstanceOf(JdkClient.Pong.class);

        assertThat(t.activity.get()).isEqualTo(3);
    }
}
