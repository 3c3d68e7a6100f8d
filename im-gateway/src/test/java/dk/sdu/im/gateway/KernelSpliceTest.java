package dk.sdu.im.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk bodies and tunnels through {@code splice(2)}: byte-exact, the bytes the gateway had buffered first, and every
 * way a copy can end (idle source, idle sink, a backend dying) closing both sides; without the kernel path, or
 * without the JDK export it needs, the same bytes go through user space.
 */
class KernelSpliceTest {
    private static final String USER = "alice#1234";
    private static final long MIB = 1024 * 1024;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private KernelSplice kernel;

    @BeforeEach
    void link() {
        kernel = KernelSplice.link().orElse(null);
        assumeTrue(kernel != null, "splice(2) is unavailable here (Linux x86-64/AArch64 with --enable-native-access and "
                + "--add-exports java.base/sun.nio.ch=ALL-UNNAMED, which the build's argLine passes); see the warning logged");
    }

    @AfterEach
    void closeAll() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    @Test
    void downloadsA256MiBBodyByteExactThroughTheKernelAndKeepsTheConnection() throws Exception {
        long length = 256 * MIB;
        BulkClient client = client(gateway(Optional.of(kernel), backend(length, length, BulkBackend.Ending.COMPLETE),
                Duration.ofSeconds(30)));

        BulkClient.Body body = client.send(BulkClient.get(USER, "/big")).read();

        assertThat(body.status()).isEqualTo(200);
        assertThat(body.received()).isEqualTo(length);
        assertThat(body.intact()).as("first wrong byte at " + body.firstWrong()).isTrue();
        assertThat(kernel.counter().copies()).as("one kernel copy").isEqualTo(1);
        assertThat(kernel.counter().bytes()).as("everything after what the head reader had buffered went by splice")
                .isBetween(length - BodyCopy.BUFFER_BYTES, length - 1);
        BulkClient.Body again = client.send(BulkClient.get(USER, "/big")).read();
        assertThat(again.received()).as("the connection is positioned at the next response").isEqualTo(length);
        assertThat(again.intact()).isTrue();
    }

    @Test
    void sendsTheBytesItHadBufferedBeforeTheKernelTakesOver() throws Exception {
        SocketPair source = pair();
        SocketPair sink = pair();
        Endpoint from = Endpoint.of(source.near(), Duration.ofSeconds(30));
        Endpoint to = Endpoint.of(sink.near(), Duration.ofSeconds(30));
        long length = 8 * MIB;
        write(source.far(), 0, BulkBackend.PREFIX_BYTES);
        assertThat(from.in().read()).isEqualTo(OffsetPattern.at(0) & 0xff);
        assertThat(from.in().buffered()).as("the stream holds the rest of what was sent").isEqualTo(BulkBackend.PREFIX_BYTES - 1);
        Future<?> sender = CompletableFuture.runAsync(() -> write(source.far(), BulkBackend.PREFIX_BYTES, length),
                Thread::startVirtualThread);

        Future<?> copy = copyOnAVirtualThread(from, to, length - 1);
        long firstWrong = readPattern(sink.far(), 1, length);

        copy.get(30, TimeUnit.SECONDS);
        sender.get(30, TimeUnit.SECONDS);
        assertThat(firstWrong).as("first wrong byte").isEqualTo(-1);
        assertThat(kernel.counter().bytes()).as("the kernel moved exactly what followed the buffered bytes")
                .isEqualTo(length - BulkBackend.PREFIX_BYTES);
    }

    @Test
    void closesBothEndsWhenTheBackendStallsMidBody() throws Exception {
        BulkBackend backend = backend(64 * MIB, 3 * MIB, BulkBackend.Ending.STALL);
        BulkClient client = client(gateway(Optional.of(kernel), backend, Duration.ofMillis(500)));

        BulkClient.Body body = client.send(BulkClient.get(USER, "/stalls")).read();

        assertThat(body.closed()).as("the client connection ends").isTrue();
        assertThat(body.received()).isEqualTo(3 * MIB);
        assertThat(body.intact()).isTrue();
        backend.ended().get(15, TimeUnit.SECONDS); // the backend's connection ends too
        assertThat(kernel.counter().copies()).isEqualTo(1);
    }

    @Test
    void closesBothEndsWhenTheClientStopsReading() throws Exception {
        BulkBackend backend = backend(256 * MIB, 256 * MIB, BulkBackend.Ending.COMPLETE);
        BulkClient client = client(gateway(Optional.of(kernel), backend, Duration.ofMillis(500)));

        client.send(BulkClient.get(USER, "/never-read"));

        backend.ended().get(15, TimeUnit.SECONDS); // the backend's writes fail once the gateway closed its side
        assertThat(client.endedByGateway()).isTrue();
        assertThat(kernel.counter().copies()).isEqualTo(1);
        assertThat(kernel.counter().bytes()).isLessThan(256 * MIB);
    }

    @Test
    void closesTheClientWhenTheBackendDiesMidBody() throws Exception {
        BulkClient client = client(gateway(Optional.of(kernel), backend(8 * MIB, 3 * MIB, BulkBackend.Ending.DIE),
                Duration.ofSeconds(30)));

        BulkClient.Body body = client.send(BulkClient.get(USER, "/dies")).read();

        assertThat(body.closed()).isTrue();
        assertThat(body.received()).isEqualTo(3 * MIB);
        assertThat(body.intact()).isTrue();
        assertThat(kernel.counter().copies()).isEqualTo(1);
    }

    @Test
    void tunnelsBulkBytesBothWaysThroughTheKernelOnceTheyProveBulk() throws Exception {
        long length = 64 * MIB;
        try (SocketChannel channel = tunnel()) {
            Future<?> sender = CompletableFuture.runAsync(() -> write(channel, 0, length), Thread::startVirtualThread);

            long firstWrong = readPattern(channel, 0, length);

            sender.get(30, TimeUnit.SECONDS);
            assertThat(firstWrong).as("first wrong byte of the echo").isEqualTo(-1);
        }
        assertThat(kernel.counter().copies()).as("one copy each way").isEqualTo(2);
        assertThat(kernel.counter().bytes()).as("both directions, after the first pieces in user space")
                .isPositive().isLessThan(2 * length);
    }

    @Test
    void keepsAnInteractiveTunnelInUserSpace() throws Exception {
        try (SocketChannel channel = tunnel()) {
            for (int i = 0; i < 200; i++) {
                write(channel, i * 100L, i * 100L + 100);
                assertThat(readPattern(channel, i * 100L, i * 100L + 100)).isEqualTo(-1);
            }
        }
        assertThat(kernel.counter().copies()).as("no pipes for small messages").isZero();
    }

    @Test
    void copiesTheSameBytesThroughUserSpaceWithoutTheKernel() throws Exception {
        long length = 64 * MIB;
        BulkClient client = client(gateway(Optional.empty(), backend(length, length, BulkBackend.Ending.COMPLETE),
                Duration.ofSeconds(30)));

        BulkClient.Body body = client.send(BulkClient.get(USER, "/big")).read();

        assertThat(body.received()).isEqualTo(length);
        assertThat(body.intact()).isTrue();
        assertThat(kernel.counter().copies()).as("this gateway has no kernel path").isZero();
    }

    @Test
    void withoutTheJdkExportTheGatewaySaysWhyOnceAndCopiesInUserSpace() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process probe = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), SpliceFallbackProbe.class.getName()))
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(probe.getErrorStream()));

        String stdout = readAll(probe.getInputStream());

        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(stdout.strip()).isEqualTo("relayed " + SpliceFallbackProbe.LENGTH + " bytes intact");
        String log = stderr.get(10, TimeUnit.SECONDS);
        assertThat(log.split("bulk transfers are copied through user space", -1)).as(log).hasSize(2);
        assertThat(log).contains("--add-exports java.base/sun.nio.ch=ALL-UNNAMED");
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A tunnel through a splicing gateway to a backend that echoes every byte; the handshake done. */
    private SocketChannel tunnel() throws IOException {
        EmbeddedGateway gateway = gateway(Optional.of(kernel), backend(0, 0, BulkBackend.Ending.COMPLETE),
                Duration.ofSeconds(30));
        SocketChannel channel = SocketChannel.open(gateway.address());
        channel.socket().getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: gateway\r\nucloud-username: "
                + RouteKey.header(USER) + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(head(channel.socket().getInputStream())).startsWith("HTTP/1.1 101");
        return channel;
    }

    private BulkBackend backend(long length, long sent, BulkBackend.Ending ending) throws IOException {
        return closeLater(new BulkBackend(length, sent, ending));
    }

    private EmbeddedGateway gateway(Optional<KernelSplice> splice, BulkBackend backend, Duration idle) throws IOException {
        var settings = new EmbeddedGateway.Settings(new InetSocketAddress(GatewayFixture.LOOPBACK, 0),
                new InetSocketAddress(GatewayFixture.LOOPBACK, GatewayFixture.closedPort()), new FakeColdStart(),
                Duration.ofSeconds(2), idle, 64 * 1024, 100);
        EmbeddedGateway gateway = closeLater(EmbeddedGateway.start(settings, splice));
        gateway.up(USER, backend.port());
        return gateway;
    }

    private BulkClient client(EmbeddedGateway gateway) throws IOException {
        return closeLater(new BulkClient(gateway.address()));
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Two connected loopback sockets of channels: {@code near} for the endpoint under test, {@code far} its peer. */
    private record SocketPair(Socket near, SocketChannel far) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            near.close();
            far.close();
        }
    }

    private SocketPair pair() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress(GatewayFixture.LOOPBACK, 0))) {
            SocketChannel far = SocketChannel.open(listener.getLocalAddress());
            return closeLater(new SocketPair(listener.accept().socket(), far));
        }
    }

    /** Copies as the gateway does, on a virtual thread (the only kind the kernel path serves). */
    private Future<?> copyOnAVirtualThread(Endpoint from, Endpoint to, long length) {
        return CompletableFuture.runAsync(() -> {
            try (IdleWatch watch = IdleWatch.start(Duration.ofSeconds(30), () -> { });
                    ChannelCopy copy = new ChannelCopy(from, to, watch, Optional.of(kernel))) {
                copy.exactly(length);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, Thread::startVirtualThread);
    }

    /** Writes the pattern's bytes {@code [from, to)}. */
    private static void write(SocketChannel channel, long from, long to) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try {
            for (long offset = from; offset < to; ) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), to - offset));
                OffsetPattern.fill(buffer, offset);
                offset += buffer.flip().remaining();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads the pattern's bytes {@code [from, to)}, each read within 15 s; the first wrong offset, or -1. */
    private static long readPattern(SocketChannel channel, long from, long to) throws IOException {
        channel.socket().setSoTimeout(15_000);
        InputStream in = channel.socket().getInputStream();
        byte[] buffer = new byte[1 << 20];
        long firstWrong = -1;
        for (long offset = from; offset < to; ) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, to - offset));
            if (read < 0) {
                throw new IOException("the stream ended at " + offset + " of " + to);
            }
            long wrong = OffsetPattern.firstWrong(ByteBuffer.wrap(buffer, 0, read), offset);
            firstWrong = firstWrong < 0 ? wrong : firstWrong;
            offset += read;
        }
        return firstWrong;
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("ended in the head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
