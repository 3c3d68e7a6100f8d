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
                assertThat(next.request(new InstanceToServer.Register(42001))).isEqualTo(new ServerToInstance.Ack());
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
        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.INSTANCE, 2,
                IpcServer.Settings.DEFAULT_HANDSHAKE_TIMEOUT)) {
            InstanceConnection first = fixture.connectInstance();
            InstanceConnection second = fixture.connectInstance();
            try (RawPeer third = fixture.raw()) {
                assertThat(third.closedByServer()).isTrue();
            }
            log.awaitWarning("2 connections are open");
            second.close();

            first.close();
            try (InstanceConnection third = connectWhenASlotIsFree(fixture)) {
                assertThat(third.request(new InstanceToServer.Register(42001))).isEqualTo(new ServerToInstance.Ack());
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

            assertThat(connection.request(new InstanceToServer.Register(42001))).isEqualTo(new ServerToInstance.Ack());
        }
    }

    /**
     * A local user's flood (DESIGN 4.9, 4.11): one uid holding and re-opening hundreds of connections gets a few, the
     * rest are closed at accept, an instance connecting meanwhile is served from the reserved slots, and the log gets
     * one line for the flood instead of one per connection.
     */
    @Test
    void aLocalUsersFloodGetsAFewSlotsAndNeitherStarvesInstancesNorFloodsTheLog() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.LOCAL_USER, 256, Duration.ofSeconds(60))) {
            List<RawPeer> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    flood.add(fixture.raw());
                }
                long kept = flood.stream().filter(peer -> !peer.closedWithin(1000)).count();
                assertThat(kept).as("connectionsPerUid kept, every other one closed at accept").isEqualTo(4);

                fixture.kind.set(PeerKind.INSTANCE);
                try (InstanceConnection instance = fixture.connectInstance()) {
                    assertThat(instance.request(new InstanceToServer.Register(42001))).isEqualTo(new ServerToInstance.Ack());
                }
            } finally {
                for (RawPeer peer : flood) {
                    peer.close();
                }
            }
            long lines = log.messages().stream().filter(m -> m.contains("already holds 4 connections")).count();
            assertThat(lines).as(String.join("\n", log.messages())).isBetween(1L, 2L);
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
