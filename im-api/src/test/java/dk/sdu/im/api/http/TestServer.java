package dk.sdu.im.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server with an echo endpoint at {@code /echo} that records what its sessions see, plus any endpoints a test
 * adds. Small limits, so the limits can be hit cheaply.
 */
final class TestServer implements AutoCloseable {
    static final int MAX_HEAD = 2048;
    static final int MAX_TEXT = 64 * 1024;
    static final long MAX_BINARY = 8L * 1024 * 1024;
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofMillis(400);

    /** A binary message as the echo session read it. */
    record BinaryRead(long length, String sha256) {
    }

    /** An exception a session saw. */
    record Failure(Exception exception) {
    }

    final BlockingQueue<Handshake> handshakes = new LinkedBlockingQueue<>();
    final BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
    final AtomicInteger activity = new AtomicInteger();
    final HttpListener server;

    TestServer() throws IOException {
        this(Map.of(), Duration.ofSeconds(5));
    }

    TestServer(Map<String, SocketEndpoint> more, Duration idleTimeout) throws IOException {
        this(more, idleTimeout, HttpListener.Settings.PING_INTERVAL, HttpListener.Settings.WRITE_TIMEOUT);
    }

    TestServer(Map<String, SocketEndpoint> more, Duration idleTimeout, Duration pingInterval, Duration writeTimeout)
            throws IOException {
        Map<String, SocketEndpoint> endpoints = new HashMap<>(more);
        endpoints.putIfAbsent("/echo", this::echo);
        var settings = new HttpListener.Settings(HANDSHAKE_TIMEOUT, MAX_HEAD, MAX_TEXT, MAX_BINARY, idleTimeout,
                activity::incrementAndGet, pingInterval, writeTimeout);
        server = HttpListener.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), endpoints, settings);
    }

    InetSocketAddress address() {
        return server.address();
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + address().getPort() + path);
    }

    /** Records the handshake and echoes: text as text, binary as its length and SHA-256 in a text message. */
    SocketSession echo(Handshake handshake) {
        handshakes.add(handshake);
        return socket -> {
            while (true) {
                Incoming incoming = readRecording(socket);
                switch (incoming) {
                    case Incoming.Text text -> socket.sendText(text.text());
                    case Incoming.Binary binary -> {
                        BinaryRead read = digest(binary.payload());
                        seen.add(read);
                        socket.sendText("binary " + read.length() + " " + read.sha256());
                    }
                    case Incoming.Closed closed -> {
                        return;
                    }
                }
            }
        };
    }

    private Incoming readRecording(WebSocket socket) throws IOException {
        try {
            Incoming incoming = socket.read();
            if (!(incoming instanceof Incoming.Binary)) {
                seen.add(incoming);
            }
            return incoming;
        } catch (IOException e) {
            seen.add(new Failure(e));
            throw e;
        }
    }

    private BinaryRead digest(InputStream payload) throws IOException {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[100_000];
            long length = 0;
            for (int read = payload.read(buffer); read >= 0; read = payload.read(buffer)) {
                sha256.update(buffer, 0, read);
                length += read;
            }
            return new BinaryRead(length, HexFormat.of().formatHex(sha256.digest()));
        } catch (IOException e) {
            seen.add(new Failure(e));
            throw e;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** The next thing a session saw. */
    Object nextSeen() throws InterruptedException {
        Object next = seen.poll(5, TimeUnit.SECONDS);
        if (next == null) {
            fail("the session saw nothing within 5 s");
        }
        return next;
    }

    /** Waits until {@link HttpListener#openSockets()} is {@code expected}. */
    void awaitOpenSockets(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.openSockets() != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(server.openSockets()).as("open sockets").isEqualTo(expected);
    }

    @Override
    public void close() {
        server.close();
    }
}
