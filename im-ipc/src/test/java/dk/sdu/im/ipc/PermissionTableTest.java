package dk.sdu.im.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The server consults the one permission table before any handler runs. */
class PermissionTableTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void localUserSendingRegisterIsRefusedAndClosedAndTheHandlerIsNeverCalled() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.LOCAL_USER);
             InstanceConnection connection = fixture.connectInstance()) {

            assertThat(connection.request(new InstanceToServer.Register(42001)))
                    .isEqualTo(new ServerToInstance.Refused(
                            "Register is not permitted for this peer (LOCAL_USER, uid " + ThisProcess.uid() + ")"));
            assertThat(connection.closed().toCompletableFuture().get(5, TimeUnit.SECONDS)).isNotNull();
            assertThatThrownBy(() -> connection.request(new InstanceToServer.Activity(0, 0, 0)))
                    .isInstanceOf(IpcClosed.class);

            log.awaitWarning("(LOCAL_USER)", "Register is not permitted");
            assertThat(fixture.instances.calls).isEmpty();
            assertThat(fixture.instances.closed).isEmpty();
        }
    }

    @Test
    void localUserAskingForTheInstanceListIsRefusedAndClosed() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.LOCAL_USER);
             AdminConnection connection = IpcClient.connectAsAdmin(fixture.socket)) {

            assertThat(connection.request(new AdminToServer.ListInstances("")))
                    .isInstanceOf(ServerToAdmin.Refused.class);
            assertThatThrownBy(() -> connection.request(new AdminToServer.ListInstances("")))
                    .isInstanceOf(IpcClosed.class);
            assertThat(fixture.admins.calls).isEmpty();
        }
    }

    @Test
    void messageWithoutAnEntryInTheTableIsRefusedAndClosed() throws Exception {
        Permissions withoutGoodbye = Permissions.builder()
                .allow(InstanceToServer.Hello.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.Register.class, PeerKind.INSTANCE)
                .build();
        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.INSTANCE, withoutGoodbye);
             InstanceConnection connection = fixture.connectInstance()) {
            connection.request(new InstanceToServer.Register(42001));

            assertThat(connection.request(new InstanceToServer.Goodbye("bye")))
                    .isInstanceOf(ServerToInstance.Refused.class);
            log.awaitWarning("Goodbye is not permitted");
            assertThat(fixture.instances.calls).extracting(RecordingInstanceHandler.Call::message)
                    .containsExactly(new InstanceToServer.Register(42001));
            assertThat(fixture.instances.closed.poll(5, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void peerKindWhoseHelloIsNotInTheTableCannotConnect() throws Exception {
        Permissions adminsOnly = Permissions.builder().allow(AdminToServer.Hello.class, PeerKind.ADMIN).build();
        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.LOCAL_USER, adminsOnly)) {

            assertThatThrownBy(() -> IpcClient.connectAsAdmin(fixture.socket)).isInstanceOf(IpcClosed.class)
                    .hasMessageContaining("Hello is not permitted");
        }
    }

    @Test
    void instancePeerCannotSpeakTheAdminProtocol() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.INSTANCE)) {

            assertThatThrownBy(() -> IpcClient.connectAsAdmin(fixture.socket)).isInstanceOf(IpcClosed.class);
            assertThat(fixture.admins.calls).isEmpty();
        }
    }

    @Test
    void classifierRunsOncePerConnection() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        RecordingInstanceHandler handler = new RecordingInstanceHandler();
        IpcServer.Settings settings = new IpcServer.Settings(peer -> {
            calls.incrementAndGet();
            return PeerKind.INSTANCE;
        }, ServerFixture.standardPermissions(), handler, new RecordingAdminHandler());
        try (IpcServer server = IpcServer.start(dir.resolve("ipc.sock"), settings);
             InstanceConnection connection = IpcClient.connectAsInstance(server.socketPath(), m -> { })) {
            connection.request(new InstanceToServer.Register(42001));
            connection.request(new InstanceToServer.Activity(1, 0, 0));
            connection.request(new InstanceToServer.Activity(2, 0, 0));
        }
        assertThat(calls).hasValue(1);
    }
}
