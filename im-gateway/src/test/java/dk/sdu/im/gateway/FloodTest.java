package dk.sdu.im.gateway;

import static dk.sdu.im.gateway.GatewayFixture.ALICE;
import static dk.sdu.im.gateway.GatewayFixture.eventually;
import static dk.sdu.im.gateway.KeepAliveAndStreamingTest.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Production ingress, item 4: one client's flood does not starve another's requests. From 127.0.0.2 an attacker opens
 * far more slow connections than the gateway serves in total, each trickling a never-ending head (slowloris), for a
 * fixed time; the gateway serves at most the per-address limit of them and closes the rest at once, so a user on
 * 127.0.0.1 keeps being served throughout. Without the per-address limit the flood would take every connection slot
 * and the user's requests would wait in the backlog. Bounded: loopback only, at most {@link #FLOOD} connections and
 * {@link #DURATION}, within the process's file descriptor limit.
 */
class FloodTest {
    private static final int FLOOD = 1500;
    private static final int TOTAL = 600;
    private static final int PER_ADDRESS = 200;
    private static final Duration DURATION = Duration.ofSeconds(3);
    private static final InetAddress ATTACKER = InetAddress.ofLiteral("127.0.0.2");

    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.started();

    @Test
    void anotherAddressIsServedWhileOneAddressFloodsTheGatewayWithSlowConnections() throws Exception {
        assumeDescriptorsFor(FLOOD + TOTAL + 500);
        EmbeddedGateway gateway = fixture.closeLater(EmbeddedGateway.start(fixture.settings(fixture.system.address())
                .withMaxConnections(TOTAL)
                .withLimits(new ClientLimits(100, 8192, Duration.ofSeconds(30), Duration.ofSeconds(30), PER_ADDRESS))));
        gateway.up(ALICE, fixture.alice.port());
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < FLOOD; i++) {
                slowConnection(gateway.address()).ifPresent(flood::add);
            }
            eventually("the gateway serves the attacker's per-address share",
                    () -> gateway.connectionsFrom(ATTACKER) == PER_ADDRESS);

            int served = 0;
            long end = System.nanoTime() + DURATION.toNanos();
            while (System.nanoTime() < end) {
                trickle(flood);
                served += servedOnce(gateway);
                assertThat(gateway.connectionsFrom(ATTACKER)).isLessThanOrEqualTo(PER_ADDRESS);
            }

            assertThat(served).as("requests from 127.0.0.1 served during the flood").isPositive();
            assertThat(fixture.alice.requests()).isEqualTo(served);
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }
        eventually("the flood's connections are gone", () -> gateway.connectionsFrom(ATTACKER) == 0);
    }

    /** One request of alice's on a new connection from 127.0.0.1, which must succeed; 1. */
    private int servedOnce(EmbeddedGateway gateway) throws IOException {
        try (RawClient client = new RawClient(gateway.address())) {
            RawClient.Response response = client.send(get(ALICE, "/ucloud/slurm/files/browse")).read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(BackendReply.parse(response.text()).backend()).isEqualTo("alice");
            return 1;
        }
    }

    /** A connection from the attacker's address with the start of a head; empty if the connect itself failed. */
    private static java.util.Optional<Socket> slowConnection(InetSocketAddress gateway) throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(ATTACKER, 0));
        } catch (IOException e) {
            socket.close();
            Assumptions.abort("cannot bind " + ATTACKER + " (Linux routes all of 127/8 to lo): " + e);
        }
        try {
            socket.connect(gateway, 5000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
            return java.util.Optional.of(socket);
        } catch (IOException e) {
            socket.close();
            return java.util.Optional.empty();
        }
    }

    /** One more header byte on every flood connection; connections the gateway closed drop out. */
    private static void trickle(List<Socket> flood) throws IOException {
        for (Iterator<Socket> sockets = flood.iterator(); sockets.hasNext(); ) {
            Socket socket = sockets.next();
            try {
                OutputStream out = socket.getOutputStream();
                out.write('X');
            } catch (IOException e) {
                socket.close();
                sockets.remove();
            }
        }
    }

    private static void assumeDescriptorsFor(int needed) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os) {
            long free = os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount();
            Assumptions.assumeTrue(free >= needed, "the flood needs " + needed + " free file descriptors (ulimit -n), "
                    + "this JVM has " + free);
        }
    }
}
