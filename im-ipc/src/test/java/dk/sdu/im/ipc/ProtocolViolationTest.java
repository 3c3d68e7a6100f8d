package dk.sdu.im.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every malformed frame after a good handshake closes that connection, is logged, and reaches no handler. */
class ProtocolViolationTest {
    static final int REGISTER = Codec.INSTANCE_TO_SERVER.encode(new InstanceToServer.Register(1)).tag();
    static final int ACTIVITY = Codec.INSTANCE_TO_SERVER.encode(new InstanceToServer.Activity(0, 0, 0)).tag();

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

    @ParameterizedTest
    @ValueSource(longs = {IpcProtocol.MAX_PAYLOAD_BYTES + 1L, 0x7FFF_FFFFL, 0xFFFF_FFFFL})
    void oversizedDeclaredLengthClosesWithoutWaitingForTheBodyAndTheServerKeepsServing(long length)
            throws Exception {
        try (RawPeer peer = fixture.raw().helloAsInstance()) {
            peer.send(ByteBuffer.allocate(4).putInt((int) length).array()); // the length alone, nothing more

            assertThat(peer.closedByServer()).isTrue();
        }
        log.awaitWarning("frame declares " + length + " payload bytes");

        try (InstanceConnection next = fixture.connectInstance()) {
            assertThat(next.request(new InstanceToServer.Register(42001))).isEqualTo(new ServerToInstance.Ack());
        }
    }

    @Test
    void oversizedDeclaredLengthBeforeTheHandshakeClosesToo() throws Exception {
        try (RawPeer peer = fixture.raw()) {
            peer.send(ByteBuffer.allocate(4).putInt(IpcProtocol.MAX_PAYLOAD_BYTES + 1).array());

            assertThat(peer.closedByServer()).isTrue();
        }
    }

    @Test
    void unknownTagClosesTheConnection() throws Exception {
        assertClosesWithoutReachingTheHandler(0x3F, "{}", "unknown tag 0x3f");
    }

    @Test
    void messageOfTheAdminDirectionOnAnInstanceConnectionClosesIt() throws Exception {
        int listInstances = Codec.ADMIN_TO_SERVER.encode(new AdminToServer.ListInstances("")).tag();
        assertClosesWithoutReachingTheHandler(listInstances, "{}", "unknown tag");
    }

    @Test
    void unknownJsonFieldClosesTheConnection() throws Exception {
        assertClosesWithoutReachingTheHandler(REGISTER, "{\"port\":42001,\"uid\":0}", "Unrecognized field \"uid\"");
    }

    @Test
    void registerWithTheSecondPortOfVersion3ClosesTheConnection() throws Exception {
        assertClosesWithoutReachingTheHandler(REGISTER, "{\"port\":42001,\"socketPort\":42002}",
                "Unrecognized field \"socketPort\"");
    }

    @Test
    void registerWithoutAPortClosesTheConnection() throws Exception {
        assertClosesWithoutReachingTheHandler(REGISTER, "{}", "malformed Register");
    }

    @Test
    void missingJsonFieldClosesTheConnection() throws Exception {
        assertClosesWithoutReachingTheHandler(ACTIVITY, "{\"lastRequestEpochMillis\":1,\"openStreams\":0}",
                "transfersInProgress");
    }

    @Test
    void malformedJsonClosesTheConnection() throws Exception {
        assertClosesWithoutReachingTheHandler(REGISTER, "{port: 42001}", "malformed Register");
    }

    @Test
    void violationIsLoggedWithThePeersCredentialsAndKind() throws Exception {
        assertClosesWithoutReachingTheHandler(REGISTER, "{\"port\":\"x\"}", "malformed Register");

        log.awaitWarning("Peer[pid=" + ThisProcess.pid() + ", uid=" + ThisProcess.uid() + ", gid="
                + ThisProcess.gid() + "] (INSTANCE)", "malformed Register");
    }

    @Test
    void controlCharactersFromThePeerDoNotSplitTheLogLine() throws Exception {
        assertClosesWithoutReachingTheHandler(REGISTER, "{\"port\":1,\"x\\ny\":2}", "Unrecognized field");

        assertThat(log.awaitWarning("Unrecognized field")).doesNotContain("\n");
    }

    private void assertClosesWithoutReachingTheHandler(int tag, String json, String logged) throws Exception {
        try (RawPeer peer = fixture.raw().helloAsInstance()) {
            peer.sendJson(tag, json);

            assertThat(peer.closedByServer()).isTrue();
        }
        log.awaitWarning(logged);
        assertThat(fixture.instances.calls).isEmpty();
        assertThat(fixture.instances.closed).isEmpty();
    }
}
