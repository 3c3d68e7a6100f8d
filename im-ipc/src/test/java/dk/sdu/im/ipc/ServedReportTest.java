package dk.sdu.im.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An instance's report of what it served travels over the socket to the handler; a local user's is refused. */
class ServedReportTest {
    @TempDir
    Path dir;

    private static final InstanceToServer.Served REPORT = new InstanceToServer.Served(List.of(
            new InstanceToServer.CallTally("files.browse", 200, 2, 3000,
                    List.of(2L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L))), 4096, 0, 0, 1);

    private static Permissions permissions() {
        return Permissions.builder()
                .allow(InstanceToServer.Hello.class, PeerKind.INSTANCE, PeerKind.LOCAL_USER)
                .allow(InstanceToServer.Served.class, PeerKind.INSTANCE)
                .build();
    }

    @Test
    void anInstancesReportReachesTheHandlerWhole() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.INSTANCE, permissions());
             InstanceConnection connection = fixture.connectInstance()) {

            assertThat(connection.request(REPORT)).isEqualTo(new ServerToInstance.Ack());

            assertThat(fixture.instances.calls).singleElement()
                    .satisfies(call -> assertThat(call.message()).isEqualTo(REPORT));
        }
    }

    @Test
    void aLocalUserPretendingToReportIsRefusedAndClosed() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.LOCAL_USER, permissions());
             InstanceConnection connection = fixture.connectInstance()) {

            assertThat(connection.request(REPORT)).isInstanceOf(ServerToInstance.Refused.class);
            assertThat(connection.closed().toCompletableFuture().get(30, TimeUnit.SECONDS)).isNotNull();
            assertThat(fixture.instances.calls).isEmpty();
        }
    }
}
