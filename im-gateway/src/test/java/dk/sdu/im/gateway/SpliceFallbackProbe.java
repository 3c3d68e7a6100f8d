package dk.sdu.im.gateway;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Run by {@link KernelSpliceTest} in a JVM without {@code --add-exports java.base/sun.nio.ch}: starts a gateway as
 * IM/Server does ({@link EmbeddedGateway#start(EmbeddedGateway.Settings)}), relays one bulk body through it and
 * prints {@code relayed <n> bytes intact}; the gateway's warning goes to stderr.
 */
final class SpliceFallbackProbe {
    static final long LENGTH = 4L * 1024 * 1024;

    private SpliceFallbackProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (BulkBackend backend = new BulkBackend(LENGTH, LENGTH, BulkBackend.Ending.COMPLETE);
                EmbeddedGateway gateway = EmbeddedGateway.start(new EmbeddedGateway.Settings(
                        new InetSocketAddress(GatewayFixture.LOOPBACK, 0), new InetSocketAddress(GatewayFixture.LOOPBACK, 1),
                        new FakeColdStart(), Duration.ofSeconds(2), Duration.ofSeconds(30), 64 * 1024, 10))) {
            gateway.up("alice#1234", backend.port());
            try (BulkClient client = new BulkClient(gateway.address())) {
                BulkClient.Body body = client.send(BulkClient.get("alice#1234", "/big")).read();
                System.out.println("relayed " + body.received() + " bytes" + (body.intact() ? " intact" : " wrong"));
            }
        }
    }
}
