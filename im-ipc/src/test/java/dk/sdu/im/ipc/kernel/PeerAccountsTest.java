package dk.sdu.im.ipc.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The peer check against the kernel's real answers: this process's own connection, as an admitted and as another uid. */
class PeerAccountsTest {
    private static final String ADMITTED = "the test's account";
    private final int me = (int) new com.sun.security.auth.module.UnixSystem().getUid();

    @Test
    void aConnectionIsAdmittedOnlyWhenTheKernelNamesAnAdmittedOwner() throws Exception {
        PeerAccounts.Owners kernel = PeerAccounts.kernel();
        try (var listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
             var client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
             var accepted = listener.accept()) {
            assertThat(kernel.uidOf(accepted)).hasValue(me);
            assertThat(new PeerAccounts(Set.of(me), kernel, ADMITTED).admits(accepted)).isTrue();
            assertThat(new PeerAccounts(Set.of(me + 1), kernel, ADMITTED).admits(accepted)).isFalse();
        }
    }

    @Test
    void anOwnerTheKernelDidNotReportIsRefused() throws Exception {
        try (var listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
             var client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
             var accepted = listener.accept()) {
            assertThat(new PeerAccounts(Set.of(me), socket -> OptionalInt.empty(), ADMITTED).admits(accepted)).isFalse();
        }
    }
}
