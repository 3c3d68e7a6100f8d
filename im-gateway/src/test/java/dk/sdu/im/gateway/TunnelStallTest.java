package dk.sdu.im.gateway;

import static dk.sdu.im.gateway.GatewayFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Production ingress, item 4: a WebSocket tunnel whose client stopped reading cannot pin the tunnel, even while that
 * client keeps sending (which alone would keep the idle clock running): the backend floods, the write towards the
 * client moves nothing for the idle time, and both sides are closed.
 */
class TunnelStallTest {
    private static final String USER = "stan#9";
    private static final Duration IDLE = Duration.ofSeconds(1);

    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.started();

    @Test
    void closesBothSidesWhenTheClientStopsReadingWhileTheBackendFloodsAndTheClientStillSends() throws Exception {
        FloodingBackend backend = fixture.closeLater(new FloodingBackend());
        EmbeddedGateway gateway = fixture.closeLater(EmbeddedGateway.start(new EmbeddedGateway.Settings(
                new InetSocketAddress(GatewayFixture.LOOPBACK, 0), fixture.system.address(), fixture.coldStart,
                Duration.ofSeconds(2), IDLE, 64 * 1024, 100)));
        gateway.up(USER, backend.port());
        Socket socket = fixture.closeLater(new Socket());
        socket.setReceiveBufferSize(4096);
        socket.connect(gateway.address());
        RawClient client = fixture.closeLater(new RawClient(socket));

        RawClient.Response response = client.send("GET /ucloud/slurm/websocket HTTP/1.1\r\nHost: x\r\nucloud-username: "
                + RouteKey.header(USER) + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").readHead();
        assertThat(response.status()).isEqualTo(101);
        eventually("the tunnel is open", () -> gateway.openConnections(USER) == 1);
        Thread sender = Thread.ofVirtual().start(() -> keepSending(client));

        eventually("the backend's flood failed: the gateway closed its side", backend::floodEnded);
        eventually("the tunnel is gone", () -> gateway.openConnections(USER) == 0);
        sender.join(Duration.ofSeconds(10));
        assertThat(sender.isAlive()).as("the client's side was closed too: its sends failed").isFalse();
    }

    /** A byte every 100 ms, never reading, until the gateway closes the connection (at most 20 s). */
    private static void keepSending(RawClient client) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try {
            while (System.nanoTime() < end) {
                client.send(new byte[] {0});
                Thread.sleep(100);
            }
        } catch (IOException e) {
            // Closed by the gateway.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers one upgrade with 101, then writes as fast as the gateway takes bytes, until a write fails. */
    private static final class FloodingBackend implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 1, GatewayFixture.LOOPBACK);
        private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        private final AtomicBoolean floodEnded = new AtomicBoolean();

        FloodingBackend() throws IOException {
            threads.execute(this::floodOne);
        }

        int port() {
            return server.getLocalPort();
        }

        boolean floodEnded() {
            return floodEnded.get();
        }

        private void floodOne() {
            try (Socket socket = server.accept()) {
                if (BackendWire.head(socket.getInputStream()) == null) {
                    return;
                }
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                byte[] flood = new byte[64 * 1024];
                while (true) {
                    out.write(flood);
                }
            } catch (IOException e) {
                floodEnded.set(true);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            threads.shutdownNow();
        }
    }
}
