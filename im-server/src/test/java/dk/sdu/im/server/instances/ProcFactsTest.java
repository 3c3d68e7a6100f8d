package dk.sdu.im.server.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ProcFactsTest {
    private final ProcFacts proc = ProcFacts.system();
    private final long me = ProcessHandle.current().pid();
    private final int myUid = (int) new com.sun.security.auth.module.UnixSystem().getUid();

    @Test
    void parentOfThisProcessIsWhatTheJdkSays() {
        assertThat(proc.parentOf(me)).hasValue(ProcessHandle.current().parent().orElseThrow().pid());
    }

    @Test
    void childDescendsFromUsButWeDoNotDescendFromIt() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(proc.descendsFrom(child.pid(), me)).isTrue();
            assertThat(proc.descendsFrom(me, child.pid())).isFalse();
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void residentMemoryIsReadFromProcStatusInBytes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path fake) throws Exception {
        java.nio.file.Files.createDirectories(fake.resolve("42"));
        java.nio.file.Files.writeString(fake.resolve("42/status"), "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  153600 kB\n");
        assertThat(new ProcFacts(fake).rssBytes(42)).hasValue(153600L * 1024);
        assertThat(new ProcFacts(fake).rssBytes(43)).isEmpty();
        long ours = proc.rssBytes(me).orElseThrow();
        assertThat(ours).as("this JVM's resident memory").isGreaterThan(1024 * 1024).isLessThan(Runtime.getRuntime().maxMemory() * 4);
    }

    @Test
    void goneProcessHasNoParentAndDescendsFromNothing() {
        assertThat(proc.parentOf(Integer.MAX_VALUE)).isEmpty();
        assertThat(proc.descendsFrom(Integer.MAX_VALUE, me)).isFalse();
    }

    @Test
    void seesOurLoopbackListenerWithOurUidOnly() throws Exception {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = socket.getLocalPort();
            assertThat(proc.listensOnLoopback(port, myUid)).isTrue();
            assertThat(proc.listensOnLoopback(port, myUid + 4242)).isFalse();
        }
    }

    @Test
    void aClosedPortIsNotListening() throws Exception {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertThat(proc.listensOnLoopback(port, myUid)).isFalse();
    }

    @Test
    void aListenerOnAllInterfacesIsNotALoopbackListener() throws Exception {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("0.0.0.0", 0));
            assertThat(proc.listensOnLoopback(socket.getLocalPort(), myUid)).isFalse();
        }
    }

    @Test
    void checksSeveralPortsAtOnceAndNamesThoseNotListening() throws Exception {
        int closed;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try (var first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             var second = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(proc.notListeningOnLoopback(myUid, first.getLocalPort(), second.getLocalPort())).isEmpty();
            assertThat(proc.notListeningOnLoopback(myUid + 4242, first.getLocalPort(), second.getLocalPort()))
                    .containsExactlyInAnyOrder(first.getLocalPort(), second.getLocalPort());
            assertThat(proc.notListeningOnLoopback(myUid, first.getLocalPort(), closed)).containsExactly(closed);
        }
    }

    @Test
    void socketDiagnosticsAndTheProcTablesAgree() throws Exception {
        var tablesOnly = new ProcFacts(java.nio.file.Path.of("/proc"));
        int closed;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try (var open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(proc.notListeningOnLoopback(myUid, open.getLocalPort(), closed)).containsExactly(closed)
                    .isEqualTo(tablesOnly.notListeningOnLoopback(myUid, open.getLocalPort(), closed));
            assertThat(tablesOnly.listensOnLoopback(open.getLocalPort(), myUid + 4242)).isFalse();
        }
        try (var wildcard = new ServerSocket()) {
            wildcard.bind(new InetSocketAddress("0.0.0.0", 0));
            assertThat(tablesOnly.listensOnLoopback(wildcard.getLocalPort(), myUid)).isFalse();
        }
    }
}
