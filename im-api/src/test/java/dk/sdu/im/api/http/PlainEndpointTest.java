package dk.sdu.im.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain requests on IM/User's listener: the endpoint's head and file body go out as given, with
 * {@code Connection: close}, and the connection ends after one reply; requests with a body, upgrades and broken
 * heads never reach the endpoint.
 */
class PlainEndpointTest {
    static final int SIZE = 3 * 1024 * 1024 + 17;

    @TempDir
    Path temp;
    Path file;
    byte[] content;
    final AtomicInteger served = new AtomicInteger();
    final AtomicInteger progress = new AtomicInteger();
    HttpListener server;

    @BeforeEach
    void start() throws IOException {
        content = new byte[SIZE];
        new Random(7).nextBytes(content);
        file = Files.write(temp.resolve("data.bin"), content);
        Map<String, PlainEndpoint> plain = Map.of(
                "/file", this::sendSlice,
                "/short", (request, reply) -> {
                    reply.head(200, fields("Content-Length", Long.toString(SIZE + 1000L)));
                    try (FileChannel channel = FileChannel.open(file)) {
                        reply.file(channel, 0, SIZE + 1000L, progress::incrementAndGet);
                    }
                },
                "/inject", (request, reply) -> reply.head(200, fields("X-Name", "a\r\nSet-Cookie: stolen=1")));
        Map<String, SocketEndpoint> upgrades = Map.of("/ws", handshake -> socket -> { });
        server = HttpListener.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new HttpListener.Endpoints(upgrades, plain), HttpListener.Settings.defaults());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Bytes 1000 to SIZE-1 of the file, with the query echoed in a header. */
    private void sendSlice(Handshake request, PlainReply reply) throws IOException {
        served.incrementAndGet();
        reply.head(206, fields("Content-Length", Integer.toString(SIZE - 1000), "X-Query", String.valueOf(request.rawQuery())));
        try (FileChannel channel = FileChannel.open(file)) {
            reply.file(channel, 1000, SIZE - 1000, progress::incrementAndGet);
        }
    }

    @Test
    void fileSliceGoesOutWithTheEndpointsHeadAndTheConnectionCloses() throws Exception {
        Exchange reply = exchange("GET /file?token=a%2Bb&x HTTP/1.1\r\nHost: h\r\n\r\n");

        assertThat(reply.head()).startsWith("HTTP/1.1 206 Partial Content\r\n")
                .contains("Content-Length: " + (SIZE - 1000) + "\r\n", "X-Query: token=a%2Bb&x\r\n", "Connection: close\r\n");
        assertThat(reply.body()).isEqualTo(Arrays.copyOfRange(content, 1000, SIZE));
        assertThat(progress.get()).isPositive();
    }

    @Test
    void aReaderSlowerThanTheSocketGetsEveryByteInOrder() throws Exception {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(server.address());
            socket.getOutputStream().write("GET /file HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            var received = new java.io.ByteArrayOutputStream();
            byte[] piece = new byte[4096];
            for (int read = in.read(piece); read >= 0; read = in.read(piece)) {
                received.write(piece, 0, read);
                if (received.size() % (256 * 1024) < read) {
                    Thread.sleep(1); // let the sender find the socket full, again and again
                }
            }
            byte[] all = received.toByteArray();
            int body = new String(all, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
            assertThat(Arrays.copyOfRange(all, body, all.length)).isEqualTo(Arrays.copyOfRange(content, 1000, SIZE));
        }
    }

    @Test
    void http10IsServedToo() throws Exception {
        assertThat(exchange("GET /file HTTP/1.0\r\n\r\n").head()).startsWith("HTTP/1.1 206 ");
    }

    @Test
    void requestsWithABodyNeverReachTheEndpoint() throws Exception {
        assertThat(exchange("POST /file HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello").head()).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("POST /file HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").head())
                .startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET /file HTTP/2.0\r\nHost: h\r\n\r\n").head()).startsWith("HTTP/1.1 400 ");
        assertThat(served.get()).isZero();
    }

    @Test
    void anUpgradeToAPlainPathIsNotServedAsPlain() throws Exception {
        Exchange reply = exchange("GET /file HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");

        assertThat(reply.head()).startsWith("HTTP/1.1 404 ");
        assertThat(served.get()).isZero();
    }

    @Test
    void aPlainRequestToAnUpgradePathIsRefused() throws Exception {
        assertThat(exchange("GET /ws HTTP/1.1\r\nHost: h\r\n\r\n").head()).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET /nothing HTTP/1.1\r\nHost: h\r\n\r\n").head()).startsWith("HTTP/1.1 404 ");
    }

    @Test
    void aFileShorterThanPromisedEndsTheBodyShort() throws Exception {
        Exchange reply = exchange("GET /short HTTP/1.1\r\nHost: h\r\n\r\n");

        assertThat(reply.head()).contains("Content-Length: " + (SIZE + 1000) + "\r\n");
        assertThat(reply.body()).isEqualTo(content);
    }

    @Test
    void aHeaderThatWouldSplitTheHeadIsNeverSent() throws Exception {
        Exchange reply = exchange("GET /inject HTTP/1.1\r\nHost: h\r\n\r\n");

        assertThat(reply.head()).startsWith("HTTP/1.1 500 ").doesNotContain("stolen");
    }

    private static LinkedHashMap<String, String> fields(String... namesAndValues) {
        var fields = new LinkedHashMap<String, String>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    /** A reply read to the end of the connection: the server must close it. */
    record Exchange(String head, byte[] body) {
    }

    private Exchange exchange(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("a complete head in: " + text.substring(0, Math.min(200, text.length()))).isPositive();
            return new Exchange(text.substring(0, end + 2), Arrays.copyOfRange(all, end + 4, all.length));
        }
    }
}
