package dk.sdu.im.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A silent or greedy peer cannot hold the server's connection slots. */
class ResourceLimitsTest {
    static final Duration SHORT = Duration.ofMillis(300);

    @TempDir
    Path dir;
    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void silentPeerIsClosedAfterTheHandshakeTimeoutAndTheServerKeepsServing() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.INSTANCE, 256, SHORT);
             RawPeer silent = fixture.raw()) {

            assertThat(silent.closedByServer()).isTrue();
            log.awaitWarning("no handshake within PT0.3S");
            try (InstanceConnection next = fixture.connectInstance()) {
                assertThat(next.request(new InstanceToServer.Register(42001, 42001))).isEqualTo(new ServerToInstance.Ack());
            }
        }
    }

    @Test
    void peerThatStopsHalfwayThroughItsHelloIsClosedToo() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.INSTANCE, 256, SHORT);
             RawPeer slow = fixture.raw()) {
            slow.send(new byte[] {0, 0, 0, 40, 1, '{'});

            assertThat(slow.closedByServer()).isTrue();
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtAccept() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.INSTANCE, 1,
                IpcServer.Settings.DEFAULT_HANDSHAKE_TIMEOUT)) {
            InstanceConnection first = fixture.connectInstance();
            try (RawPeer second = fixture.raw()) {
                assertThat(second.closedByServer()).isTrue();
            }
            log.awaitWarning("1 connections are open");

            first.close();
            try (InstanceConnection third = connectWhenASlotIsFree(fixture)) {
                assertThat(third.request(new InstanceToServer.Register(42001, 42001))).isEqualTo(new ServerToInstance.Ack());
            }
        }
    }

    @Test
    void idleLocalUserConnectionIsClosed() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.LOCAL_USER, 256, SHORT);
             InstanceConnection idle = fixture.connectInstance()) {

            assertThat(idle.closed().toCompletableFuture().get(5, TimeUnit.SECONDS)).isNotNull();
            log.awaitWarning("idle for longer than PT0.3S");
        }
    }

    @Test
    void instanceConnectionMayStayIdleLongerThanTheHandshakeTimeout() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.INSTANCE, 256, SHORT);
             InstanceConnection connection = fixture.connectInstance()) {
            Thread.sleep(SHORT.multipliedBy(3));

            assertThat(connection.request(new InstanceToServer.Register(42001, 42001))).isEqualTo(new ServerToInstance.Ack());
        }
    }

    /**
     * Regression: on virtual threads, junixsocket's poller (one blocking poll per core) stalled every
     * connection beyond the number of cores. The generous bound only detects a stall, it measures nothing.
     */
    @Test
    void manyIdleConnectionsDoNotStallEachOther() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.INSTANCE)) {
            List<InstanceConnection> connections = new ArrayList<>();
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                    for (int i = 0; i < 24; i++) {
                        connections.add(fixture.connectInstance());
                    }
                    for (InstanceConnection connection : connections.reversed()) {
                        assertThat(connection.request(new InstanceToServer.Activity(1, 0, 0)))
                                .isEqualTo(new ServerToInstance.Ack());
                    }
                });
            } finally {
                connections.forEach(InstanceConnection::close);
            }
        }
    }

    private static InstanceConnection connectWhenASlotIsFree(ServerFixture fixture) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return fixture.connectInstance();
            } catch (IpcClosed | IOException e) {
                if (attempt == 100) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }
}
