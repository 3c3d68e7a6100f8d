package dk.sdu.im.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.api.host.ProcessIdentity;
import dk.sdu.im.config.GatewayConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whom an instance admits; the check itself is tested with the kernel's answers in im-ipc (PeerAccountsTest). */
class GatewayPeersTest {
    private static final GatewayConfig EMBEDDED = new GatewayConfig("127.0.0.1", 8889);
    private static final GatewayConfig HAPROXY = new GatewayConfig("127.0.0.1", 8889, java.util.List.of(),
            java.util.Optional.empty(), dk.sdu.im.config.GatewayLimits.DEFAULTS, GatewayConfig.Type.HAPROXY, EMBEDDED.haproxy());

    @TempDir
    Path temp;

    @Test
    void theGatewaysAccountIsTheIpcSocketsOwnerAndRootIsAdmittedToo() throws Exception {
        Path socket = Files.createFile(temp.resolve("ucloud.sock"));
        int me = ProcessIdentity.effectiveUid();
        assertThat(GatewayPeers.of(socket, EMBEDDED, name -> OptionalInt.of(4242), s -> OptionalInt.empty()).admitted())
                .as("HAProxy's account only in haproxy mode").contains(me, 0).doesNotContain(4242).hasSizeBetween(1, 2);
    }

    @Test
    void inHaproxyModeHaproxysConfiguredAccountIsAdmittedAndNobodyElse() throws Exception {
        Path socket = Files.createFile(temp.resolve("ucloud.sock"));
        int me = ProcessIdentity.effectiveUid();
        var asked = new java.util.ArrayList<String>();
        var peers = GatewayPeers.of(socket, HAPROXY, name -> {
            asked.add(name);
            return OptionalInt.of(4242);
        }, s -> OptionalInt.empty());
        assertThat(asked).containsExactly("haproxy");
        assertThat(peers.admitted()).containsExactlyInAnyOrder(me == 0 ? new Integer[] {0, 4242} : new Integer[] {me, 0, 4242});
    }

    @Test
    void aHaproxyAccountThatDoesNotExistStopsTheInstance() throws Exception {
        Path socket = Files.createFile(temp.resolve("ucloud.sock"));
        assertThatThrownBy(() -> GatewayPeers.of(socket, HAPROXY, name -> OptionalInt.empty(), s -> OptionalInt.empty()))
                .isInstanceOf(IOException.class).hasMessageContaining("gateway.haproxy.user haproxy is not an account");
    }

    @Test
    void theSystemsAccountDatabaseNamesRootAndNoOne() throws Exception {
        assertThat(new NssUids().uid("root")).hasValue(0);
        assertThat(new NssUids().uid("no-such-account-here")).isEmpty();
    }
}
