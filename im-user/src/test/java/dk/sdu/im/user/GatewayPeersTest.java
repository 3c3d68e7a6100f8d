package dk.sdu.im.user;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.host.ProcessIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whom an instance admits; the check itself is tested with the kernel's answers in im-ipc (PeerAccountsTest). */
class GatewayPeersTest {
    @Test
    void theGatewaysAccountIsTheIpcSocketsOwnerAndRootIsAdmittedToo(@TempDir Path temp) throws Exception {
        Path socket = Files.createFile(temp.resolve("ucloud.sock"));
        int me = ProcessIdentity.effectiveUid();
        assertThat(GatewayPeers.of(socket, s -> OptionalInt.empty()).admitted()).contains(me, 0).hasSizeBetween(1, 2);
    }
}
