package dk.sdu.im.ipc.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against the running kernel: as an ordinary user and as root alike. */
class SocketDiagnosticsTest {
    private final int myUid = (int) new com.sun.security.auth.module.UnixSystem().getUid();
    private final SocketDiagnostics diagnostics = SocketDiagnostics.link().orElseThrow();

    @Test
    void theKernelListsOurLoopbackListenerWithOurUidAndNotAClosedPort() throws Exception {
        int closed;
        try (var gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = gone.getLocalPort();
        }
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<SocketDiagnostics.Listener> listeners = diagnostics.listeners().orElseThrow();
            assertThat(listeners).anySatisfy(l -> {
                assertThat(l.port()).isEqualTo(socket.getLocalPort());
                assertThat(l.uid()).isEqualTo(myUid);
            });
            assertThat(listeners).noneMatch(l -> l.port() == closed);
        }
    }

    @Test
    void theClientOfAConnectionWeAcceptedOnIpv4LoopbackIsOurs() throws Exception {
        try (var server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             var client = new Socket(server.getInetAddress(), server.getLocalPort());
             var accepted = server.accept()) {
            assertThat(diagnostics.peerUid(accepted)).hasValue(myUid);
            assertThat(diagnostics.peerUid(client)).as("the accepted end, asked from the client").hasValue(myUid);
        }
    }

    @Test
    void anIpv4OnlyClientSocketIsFoundToo() throws Exception {
        try (var server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             var client = SocketChannel.open(StandardProtocolFamily.INET)) {
            client.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()));
            try (var accepted = server.accept()) {
                assertThat(diagnostics.peerUid(accepted)).hasValue(myUid);
            }
        }
    }

    @Test
    void theClientOfAConnectionWeAcceptedOnIpv6LoopbackIsOurs() throws Exception {
        InetAddress loopback = InetAddress.getByName("::1");
        try (var server = new ServerSocket()) {
            assumeTrue(binds(server, loopback), "::1 cannot be bound on this machine");
            try (var client = new Socket(loopback, server.getLocalPort()); var accepted = server.accept()) {
                assertThat(accepted.getInetAddress()).isEqualTo(loopback);
                assertThat(diagnostics.peerUid(accepted)).hasValue(myUid);
            }
        }
    }

    @Test
    void aConnectionThatIsGoneOrNeverWasHasNoPeer() throws Exception {
        InetSocketAddress local;
        InetSocketAddress remote;
        try (var server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            try (var client = new Socket(server.getInetAddress(), server.getLocalPort());
                 var accepted = server.accept()) {
                local = (InetSocketAddress) accepted.getLocalSocketAddress();
                remote = (InetSocketAddress) accepted.getRemoteSocketAddress();
                client.close(); // the client's end lingers in FIN_WAIT2, then TIME_WAIT, held by no process
            }
            assertThat(diagnostics.peerUid(local, remote)).isEmpty();
            int neverUsed;
            try (var gone = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                neverUsed = gone.getLocalPort();
            }
            assertThat(diagnostics.peerUid(local, new InetSocketAddress(remote.getAddress(), neverUsed))).isEmpty();
        }
    }

    @Test
    void anUnconnectedSocketHasNoPeer() throws IOException {
        try (var socket = new Socket()) {
            assertThat(diagnostics.peerUid(socket)).isEmpty();
        }
    }

    private static boolean binds(ServerSocket server, InetAddress address) {
        try {
            server.bind(new InetSocketAddress(address, 0), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
