package dk.sdu.im.ipc.kernel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A measurement to run by hand, not a test (it asserts nothing): what {@link SocketDiagnostics#link} costs in a
 * fresh JVM, and what one {@link SocketDiagnostics#peerUid} costs, found and not found. After a build:
 * {@code java --enable-native-access=ALL-UNNAMED -cp im-ipc/target/classes:im-ipc/target/test-classes
 * dk.sdu.im.ipc.kernel.SocketDiagnosticsCost}
 */
final class SocketDiagnosticsCost {
    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 1_000;

    private SocketDiagnosticsCost() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        SocketDiagnostics diagnostics = SocketDiagnostics.link().orElseThrow();
        System.out.printf("link() in a fresh JVM: %.1f ms%n", (System.nanoTime() - start) / 1e6);
        try (var server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             var client = new Socket(server.getInetAddress(), server.getLocalPort());
             var accepted = server.accept()) {
            start = System.nanoTime();
            diagnostics.peerUid(accepted).orElseThrow();
            System.out.printf("first peerUid (cold): %.1f µs%n", (System.nanoTime() - start) / 1e3);
            var local = (InetSocketAddress) accepted.getLocalSocketAddress();
            var nowhere = new InetSocketAddress(local.getAddress(), client.getLocalPort() == 1 ? 2 : 1);
            report("peerUid, found (one round trip)", () -> diagnostics.peerUid(accepted).isPresent());
            report("peerUid, not found (two round trips)", () -> diagnostics.peerUid(local, nowhere).isPresent());
            report("listeners() for comparison", () -> diagnostics.listeners().isPresent());
        }
    }

    private static void report(String what, Lookup lookup) {
        int found = 0;
        for (int i = 0; i < WARM_UP; i++) {
            found += lookup.run() ? 1 : 0;
        }
        long start = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            found += lookup.run() ? 1 : 0;
        }
        System.out.printf("%s: %.1f µs on average over %d (%d of %d answered)%n", what,
                (System.nanoTime() - start) / 1e3 / MEASURED, MEASURED, found, WARM_UP + MEASURED);
    }

    @FunctionalInterface
    private interface Lookup {
        boolean run();
    }
}
