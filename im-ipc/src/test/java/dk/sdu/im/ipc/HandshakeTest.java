package dk.sdu.im.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class HandshakeTest {
    @TempDir
    Path dir;
    ServerFixture fixture;
    @RegisterExtension
    final LogCapture log = new LogCapture();

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start(dir, PeerKind.INSTANCE);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void instanceConnectsAndItsRequestReachesTheHandler() throws Exception {
        try (InstanceConnection connection = fixture.connectInstance()) {
            ServerToInstance reply = connection.request(new InstanceToServer.Register(42001));

            assertThat(reply).isEqualTo(new ServerToInstance.Ack());
            assertThat(fixture.instances.calls).extracting(RecordingInstanceHandler.Call::message)
                    .containsExactly(new InstanceToServer.Register(42001));
        }
    }

    @Test
    void adminConnectsAndListsInstances() throws Exception {
        fixture.kind.set(PeerKind.ADMIN);
        try (AdminConnection connection = IpcClient.connectAsAdmin(fixture.socket)) {
            assertThat(connection.request(new AdminToServer.ListInstances("")))
                    .isEqualTo(new ServerToAdmin.Instances(java.util.List.of(RecordingAdminHandler.ALICE), false));
        }
    }

    @Test
    void firstFrameThatIsNotHelloClosesTheConnection() throws Exception {
        try (RawPeer peer = fixture.raw()) {
            peer.send(Codec.INSTANCE_TO_SERVER.encode(new InstanceToServer.Register(42001)));

            assertThat(peer.closedByServer()).isTrue();
        }
        log.awaitWarning("first message must be Hello");
        assertThat(fixture.instances.calls).isEmpty();
    }

    @Test
    void firstFrameWithAnUnknownTagClosesTheConnection() throws Exception {
        try (RawPeer peer = fixture.raw()) {
            peer.sendJson(0xFF, "{}");

            assertThat(peer.closedByServer()).isTrue();
        }
        log.awaitWarning("opens no conversation");
    }

    @Test
    void wrongProtocolNameClosesTheConnectionWithoutAnswer() throws Exception {
        try (RawPeer peer = fixture.raw()) {
            peer.send(Codec.INSTANCE_TO_SERVER.encode(new InstanceToServer.Hello("http", IpcProtocol.VERSION)));

            assertThat(peer.closedByServer()).isTrue();
        }
        log.awaitWarning("protocol \"http\"");
    }

    @Test
    void wrongVersionIsRefusedWithTheSupportedVersionAndClosed() throws Exception {
        try (RawPeer peer = fixture.raw()) {
            peer.send(Codec.INSTANCE_TO_SERVER.encode(new InstanceToServer.Hello(IpcProtocol.NAME, IpcProtocol.VERSION + 1)));

            assertThat(Codec.SERVER_TO_INSTANCE.decode(peer.readFrame()))
                    .isEqualTo(new ServerToInstance.Refused(
                            "unsupported IPC protocol version " + (IpcProtocol.VERSION + 1)
                                    + "; this server speaks version " + IpcProtocol.VERSION));
            assertThat(peer.closedByServer()).isTrue();
        }
    }

    @Test
    void secondHelloClosesTheConnection() throws Exception {
        try (RawPeer peer = fixture.raw().helloAsInstance()) {
            peer.send(Codec.INSTANCE_TO_SERVER.encode(new InstanceToServer.Hello(IpcProtocol.NAME, 1)));

            assertThat(peer.closedByServer()).isTrue();
        }
        log.awaitWarning("Hello after the handshake");
    }

    @Test
    void clientHandshakeRefusedByTheServerIsReportedAsIpcClosedWithTheReason() {
        fixture.kind.set(PeerKind.ADMIN); // an admin may not open an instance conversation

        assertThatThrownBy(fixture::connectInstance).isInstanceOf(IpcClosed.class)
                .hasMessageContaining("was refused: Hello is not permitted for this peer (ADMIN");
    }

    @Test
    void connectingWhereNoServerListensIsAnIOException() {
        assertThatThrownBy(() -> IpcClient.connectAsAdmin(dir.resolve("nobody.sock")))
                .isInstanceOf(java.io.IOException.class);
    }
}
