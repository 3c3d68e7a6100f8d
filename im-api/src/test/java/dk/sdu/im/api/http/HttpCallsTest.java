package dk.sdu.im.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP calls on IM/User's own listener, spoken to over raw sockets as the gateway speaks: bodies framed by length
 * or chunks reach the handler exactly, replies are framed as announced, a kept connection carries the next request,
 * and every framing the gateway could disagree about is refused before a handler runs. A broken chunked body is an
 * error the handler sees, never a short body taken for a whole one.
 */
class HttpCallsTest {
    private HttpListener server;
    /** Every body the echo handler read whole, and every failure it met while reading. */
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = serve(PeerCheck.ANYONE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpListener serve(PeerCheck peers) throws IOException {
        Map<String, HttpHandler> calls = Map.of(
                "/", this::echo,
                "/chunked-reply", exchange -> {
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write("first,".getBytes(StandardCharsets.US_ASCII));
                        out.write("second".getBytes(StandardCharsets.US_ASCII));
                    }
                },
                "/ignores-body", exchange -> {
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                },
                "/fails", exchange -> {
                    throw new IllegalStateException("handler bug");
                });
        return HttpListener.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new HttpListener.Endpoints(Map.of(), Map.of(), calls), HttpListener.Settings.defaults(), peers);
    }

    /** Reads the whole body and answers it back with a Content-Length; a failure while reading is a 400. */
    private void echo(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        } catch (IOException e) {
            failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
        }
        bodies.add(new String(body, StandardCharsets.ISO_8859_1));
        String reply = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body.length + ":"
                + new String(body, StandardCharsets.ISO_8859_1);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        byte[] bytes = reply.getBytes(StandardCharsets.ISO_8859_1);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void aKeptConnectionCarriesCallsOneAfterAnotherWithLengthAndChunkedBodies() throws Exception {
        try (var client = new Client(server)) {
            client.send("POST /a?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello");
            assertThat(client.reply()).isEqualTo(new Reply(200, "POST /a?x=1 5:hello"));
            client.send("POST /b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n4 ;ext=1\r\ndefg\r\n0\r\nTrailer-Field: x\r\n\r\n");
            assertThat(client.reply()).isEqualTo(new Reply(200, "POST /b 7:abcdefg"));
            client.send("GET /c HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(client.reply()).isEqualTo(new Reply(200, "GET /c 0:"));
        }
        assertThat(calls).hasValue(3);
    }

    @Test
    void aChunkedReplyIsFramedAsChunksAndTheConnectionStaysUsable() throws Exception {
        try (var client = new Client(server)) {
            client.send("GET /chunked-reply HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(client.reply()).isEqualTo(new Reply(200, "first,second"));
            client.send("GET /after HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(client.reply().status()).isEqualTo(200);
        }
    }

    /**
     * Chunk extensions after optional whitespace ({@code BWS ";"}, RFC 9112 7.1.1) are accepted, as the gateway
     * accepts them: the same list stands in {@code dk.sdu.im.gateway.ChunkedCopyTest}, so that a body the gateway
     * forwards is never one this server refuses (once seen as a 502 for {@code "5 ;x"}).
     */
    @Test
    void chunkExtensionsAfterOptionalWhitespaceAreAcceptedAsTheGatewayAcceptsThem() throws Exception {
        List<String> accepted = List.of("5 ;x\r\nhello\r\n0\r\n\r\n", "5\t;x=y\r\nhello\r\n0\r\n\r\n",
                "5 \t ;x=\"q\"\r\nhello\r\n0\r\n\r\n", "5;x ;y\r\nhello\r\n0 ;z\r\n\r\n");
        for (String body : accepted) {
            try (var client = new Client(server)) {
                client.send("POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + body);
                assertThat(client.reply()).as(body).isEqualTo(new Reply(200, "POST /x 5:hello"));
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyMalformedChunkedBodyFailsTheHandlersReadAndClosesTheConnection() throws Exception {
        List<String> malformed = List.of(
                "zz\r\nabc\r\n0\r\n\r\n",                      // not a size
                "3\r\nabcX\r\n0\r\n\r\n",                      // data not followed by CRLF
                "3;\nabc\r\n0\r\n\r\n",                        // bare LF
                "1234567890abcdef0\r\n",                       // more than 15 digits
                "3 x\r\nabc\r\n0\r\n\r\n",                     // junk instead of an extension
                "3\r\nabc\r\n0\r\nbad trailer\r\n\r\n",        // trailer without a colon
                "-1\r\n");                                     // a sign
        for (String body : malformed) {
            try (var client = new Client(server)) {
                client.send("POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + body);
                assertThat(client.reply().status()).as(body).isEqualTo(400);
                assertThat(client.closed()).as("closed after " + body).isTrue();
            }
        }
        assertThat(bodies).isEmpty();
        assertThat(failures).hasSize(malformed.size()).allMatch(f -> f.startsWith("MalformedBody"));
    }

    @Test
    void aConnectionEndingInsideABodyIsAnErrorNotAShortBody() throws Exception {
        for (String request : List.of(
                "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc",
                "POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab")) {
            try (var client = new Client(server)) {
                client.send(request);
                client.socket.shutdownOutput();
                assertThat(client.reply().status()).isEqualTo(400);
            }
        }
        assertThat(bodies).isEmpty();
        assertThat(failures).hasSize(2).allMatch(f -> f.startsWith("EOFException"));
    }

    @Test
    void framingsTheGatewayCouldReadDifferentlyAreRefusedBeforeAHandlerRuns() throws Exception {
        Map<String, Integer> heads = Map.of(
                "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n", 400,
                "Content-Length: 3\r\nContent-Length: 4\r\n", 400,
                "Content-Length: +3\r\n", 400,
                "Content-Length: 3, 3\r\n", 400,
                "Transfer-Encoding: gzip, chunked\r\n", 501,
                "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", 501,
                "X-Folded: a\r\n b\r\n", 400,
                "Bad Name: x\r\n", 400);
        for (var head : heads.entrySet()) {
            try (var client = new Client(server)) {
                client.send("POST /x HTTP/1.1\r\nHost: h\r\n" + head.getKey() + "\r\nabc");
                assertThat(client.reply().status()).as(head.getKey()).isEqualTo(head.getValue());
                assertThat(client.closed()).isTrue();
            }
        }
        assertThat(calls).hasValue(0);
    }

    @Test
    void aClientExpectingContinueGetsItBeforeSendingTheBody() throws Exception {
        try (var client = new Client(server)) {
            client.send("POST /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
            assertThat(client.reply()).isEqualTo(new Reply(100, ""));
            client.send("ok");
            assertThat(client.reply()).isEqualTo(new Reply(200, "POST /x 2:ok"));
        }
    }

    @Test
    void aBodyTheHandlerLeftUnreadIsSkippedUpToABoundThenTheConnectionIsGivenUp() throws Exception {
        try (var client = new Client(server)) {
            client.send("POST /ignores-body HTTP/1.1\r\nHost: h\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(1000));
            assertThat(client.reply().status()).isEqualTo(204);
            client.send("GET /next HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(client.reply()).isEqualTo(new Reply(200, "GET /next 0:"));
        }
        try (var client = new Client(server)) {
            long large = ConnectionTask.MAX_SKIPPED_BODY_BYTES * 2;
            client.send("POST /ignores-body HTTP/1.1\r\nHost: h\r\nContent-Length: " + large + "\r\n\r\n");
            assertThat(client.reply().status()).isEqualTo(204);
            Thread.ofVirtual().start(() -> client.sendQuietly(new byte[(int) large]));
            assertThat(client.closed()).isTrue();
        }
    }

    @Test
    void aFailingHandlerIsA500AndHttp10OrConnectionCloseEndsTheConnection() throws Exception {
        try (var client = new Client(server)) {
            client.send("GET /fails HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(client.reply().status()).isEqualTo(500);
            assertThat(client.closed()).isTrue();
        }
        for (String request : List.of("GET /x HTTP/1.0\r\n\r\n", "GET /x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")) {
            try (var client = new Client(server)) {
                client.send(request);
                Reply reply = client.reply();
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.head()).contains("Connection: close\r\n");
                assertThat(client.closed()).isTrue();
            }
        }
    }

    @Test
    void aPeerTheCheckRefusesIsClosedWithoutAByteAndNothingRuns() throws Exception {
        var admittedPorts = new ArrayList<Integer>();
        try (var guarded = serve(accepted -> {
            admittedPorts.add(accepted.getPort());
            return false;
        }); var client = new Client(guarded)) {
            client.sendQuietly("GET /x HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.replyOrNull()).isNull();
            assertThat(admittedPorts).containsExactly(client.socket.getLocalPort());
        }
        assertThat(calls).hasValue(0);
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnce() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < HttpListener.MAX_CONNECTIONS; i++) {
                held.add(new Socket(InetAddress.getLoopbackAddress(), server.address().getPort()));
            }
            try (var client = new Client(server)) {
                client.socket.setSoTimeout(5_000);
                assertThat(client.socket.getInputStream().read()).isEqualTo(-1);
            }
            held.removeFirst().close();
            awaitRoomFor(server);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    /** After one held connection closed, a new one is served again (the server notices the close first). */
    private static void awaitRoomFor(HttpListener server) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (var client = new Client(server)) {
                client.send("GET /x HTTP/1.1\r\nHost: h\r\n\r\n");
                if (client.replyOrNull() != null) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no connection was served after one was freed");
    }

    record Reply(int status, String body, String head) {
        Reply(int status, String body) {
            this(status, body, null);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Reply reply && reply.status == status && reply.body.equals(body);
        }

        @Override
        public int hashCode() {
            return status;
        }
    }

    /** A raw HTTP/1.1 client on one connection that reads replies framed by length, chunks or none. */
    private static final class Client implements AutoCloseable {
        final Socket socket;
        final InputStream in;

        Client(HttpListener server) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort());
            socket.setSoTimeout(10_000);
            in = new java.io.BufferedInputStream(socket.getInputStream());
        }

        void send(String text) throws IOException {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        }

        void sendQuietly(byte[] bytes) {
            try {
                socket.getOutputStream().write(bytes);
            } catch (IOException e) {
                // The server closed first, which is what the test looks for.
            }
        }

        Reply reply() throws IOException {
            Reply reply = replyOrNull();
            if (reply == null) {
                throw new AssertionError("the connection closed without a reply");
            }
            return reply;
        }

        Reply replyOrNull() throws IOException {
            String head = head();
            if (head == null) {
                return null;
            }
            int status = Integer.parseInt(head.substring(9, 12));
            String lower = head.toLowerCase(java.util.Locale.ROOT);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (lower.contains("transfer-encoding: chunked")) {
                for (int size = Integer.parseInt(line(), 16); size > 0; size = Integer.parseInt(line(), 16)) {
                    body.write(in.readNBytes(size));
                    line();
                }
                line();
            } else if (lower.contains("content-length: ")) {
                int at = lower.indexOf("content-length: ") + 16;
                body.write(in.readNBytes(Integer.parseInt(lower.substring(at, lower.indexOf('\r', at)))));
            }
            return new Reply(status, body.toString(StandardCharsets.ISO_8859_1), head);
        }

        private String head() throws IOException {
            StringBuilder head = new StringBuilder();
            try {
                for (String line = line(); line != null && !line.isEmpty(); line = line()) {
                    head.append(line).append("\r\n");
                }
            } catch (java.net.SocketException e) {
                return null; // reset: closed without a reply
            }
            return head.isEmpty() ? null : head.toString();
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    return line.isEmpty() ? null : line.toString();
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        /** Whether the server closed the connection (end of stream or reset) within the read timeout. */
        boolean closed() throws IOException {
            try {
                while (in.read() >= 0) {
                    // Whatever is still sent before the close.
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (java.net.SocketException e) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
