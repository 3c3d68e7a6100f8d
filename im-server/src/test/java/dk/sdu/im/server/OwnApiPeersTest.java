package dk.sdu.im.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.api.host.ProcessIdentity;
import dk.sdu.im.ipc.kernel.PeerAccounts;
import dk.sdu.im.testkit.core.FakeCore;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IM/Server's own API admits only its own account and root, at accept, through the real ImServer wiring: the kernel
 * answers as usual, except that connections from client ports a test marks are reported as another user's.
 */
class OwnApiPeersTest {
    private static final int OTHER_USER = ProcessIdentity.effectiveUid() + 4242;
    private static final String HOW_TO_CONNECT = "GET /ucloud/slurm/integration/howToConnect HTTP/1.1\r\n"
            + "Host: localhost\r\nConnection: close\r\n\r\n";

    @TempDir
    Path dir;
    private FakeCore core;
    private ServerFixture fixture;
    private final Set<Integer> otherUsersPorts = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws Exception {
        core = FakeCore.start();
        fixture = new ServerFixture(dir, core);
        PeerAccounts.Owners kernel = PeerAccounts.kernel();
        fixture.socketOwners = accepted -> otherUsersPorts.contains(accepted.getPort())
                ? OptionalInt.of(OTHER_USER) : kernel.uidOf(accepted);
        fixture.start("type: sqlite\n", "");
    }

    @AfterEach
    void stop() {
        fixture.close();
        core.close();
    }

    @Test
    void anotherUsersConnectionIsClosedBeforeItSendsAByte() throws Exception {
        try (Socket socket = unconnected()) {
            otherUsersPorts.add(socket.getLocalPort());
            socket.connect(fixture.server.address());
            assertClosed(socket.getInputStream());
        }
    }

    @Test
    void theServersOwnAccountIsServed() throws Exception {
        try (Socket socket = unconnected()) {
            socket.connect(fixture.server.address());
            assertThatThrownBy(() -> socket.getInputStream().read())
                    .as("an admitted connection waits for its request").isInstanceOf(SocketTimeoutException.class);
            socket.getOutputStream().write(HOW_TO_CONNECT.getBytes(StandardCharsets.ISO_8859_1));
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(reply).startsWith("HTTP/1.1 200 ");
        }
    }

    /** A loopback socket already bound to its client port, so the port can be marked before it connects. */
    private static Socket unconnected() throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(1_000);
        return socket;
    }

    /** End of stream (or a reset) well before the read times out: the server closed the connection unread. */
    private static void assertClosed(InputStream in) throws IOException {
        try {
            assertThat(in.read()).isEqualTo(-1);
        } catch (SocketException reset) {
            assertThat(reset).hasMessageContaining("reset");
        }
    }
}
