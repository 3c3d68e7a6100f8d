package dk.sdu.im.user;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.host.ProcessIdentity;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer check against the kernel's real answers: this process's own connection, as an admitted and as another uid. */
class GatewayPeersTest {
    private final int me = ProcessIdentity.effectiveUid();

    @Test
    void aConnectionIsAdmittedOnlyWhenTheKernelNamesAnAdmittedOwner() throws Exception {
        GatewayPeers.Owners kernel = UserMain.socketOwners();
        try (var listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
             var client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
             var accepted = listener.accept()) {
            assertThat(kernel.uidOf(accepted)).hasValue(me);
            assertThat(new GatewayPeers(Set.of(me), kernel).admits(accepted)).isTrue();
            assertThat(new GatewayPeers(Set.of(me + 1), kernel).admits(accepted)).isFalse();
        }
    }

    @Test
    void anOwnerTheKernelDidNotReportIsRefused() throws Exception {
        try (var listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
             var client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
             var accepted = listener.accept()) {
            assertThat(new GatewayPeers(Set.of(me), socket -> OptionalInt.empty()).admits(accepted)).isFalse();
        }
    }

    @Test
    void theGatewaysAccountIsTheIpcSocketsOwnerAndRootIsAdmittedToo(@TempDir Path temp) throws Exception {
        Path socket = Files.createFile(temp.resolve("ucloud.sock"));
        assertThat(GatewayPeers.of(socket, s -> OptionalInt.empty()).admitted()).contains(me, 0).hasSizeBetween(1, 2);
    }
}
