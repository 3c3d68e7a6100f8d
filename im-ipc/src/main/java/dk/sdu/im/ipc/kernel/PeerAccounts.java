package dk.sdu.im.ipc.kernel;

import dk.sdu.im.ipc.LogThrottle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which accounts may connect to a loopback listener (DESIGN 4.11): a connection is admitted only if the kernel names
 * one of the admitted uids as the owner of its client socket ({@link Owners}); any other, and one whose owner cannot
 * be learnt (a peer on another host, a client already gone, no netlink), is refused. Instances admit the gateway's
 * account and root; IM/Server's own API admits its own account (the embedded gateway runs in it) and root.
 *
 * <p>Meant to run on the accepting thread before a byte is read ({@code admits} is quick and never throws). Refusals
 * are logged at most once per uid in 10 s, with a count after, so a flood cannot flood the log.
 */
public final class PeerAccounts {
    private static final Logger LOG = Logger.getLogger(PeerAccounts.class.getName());

    /** The uid owning the socket at the other end of an accepted loopback connection, from the kernel. */
    @FunctionalInterface
    public interface Owners {
        OptionalInt uidOf(Socket accepted);
    }

    private final Set<Integer> admitted;
    private final Owners owners;
    private final String admittedName;
    private final LogThrottle log = new LogThrottle(LOG, Duration.ofSeconds(10),
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("peer-log").factory()));

    /** {@code admittedName} says in a refusal's log line who may connect, e.g. "the gateway's account". */
    public PeerAccounts(Set<Integer> admitted, Owners owners, String admittedName) {
        this.admitted = Set.copyOf(admitted);
        this.owners = owners;
        this.admittedName = admittedName;
    }

    /** Admits {@code uid} and root (which may do anything anyway); {@code name} says who that is, as in the constructor. */
    public static PeerAccounts accountAndRoot(int uid, Owners owners, String name) {
        return new PeerAccounts(uid == 0 ? Set.of(0) : Set.of(uid, 0), owners, name);
    }

    /** The uids admitted. */
    public Set<Integer> admitted() {
        return admitted;
    }

    /** Whether the kernel names an admitted uid as the owner of {@code accepted}'s client socket. */
    public boolean admits(Socket accepted) {
        OptionalInt uid = owners.uidOf(accepted);
        if (uid.isPresent() && admitted.contains(uid.getAsInt())) {
            return true;
        }
        String who = uid.isPresent() ? "uid " + uid.getAsInt() : "an owner the kernel did not report";
        log.log(Level.WARNING, "refused " + who, () -> "refused a connection from " + who + " ("
                + accepted.getRemoteSocketAddress() + "): only " + admittedName + " may connect");
        return false;
    }

    /**
     * The kernel's answer to who owns a connecting socket ({@link SocketDiagnostics#peerUid(Socket)}). Linking the
     * native calls and their first use take tens of milliseconds, so both start now on a thread of their own and the
     * first connection waits for them only if it comes sooner. If linking fails, every owner is unknown.
     */
    public static Owners kernel() {
        var linked = new CompletableFuture<Optional<SocketDiagnostics>>();
        Thread.ofVirtual().name("socket-diagnostics").start(() -> {
            Optional<SocketDiagnostics> diagnostics = Optional.empty();
            try {
                diagnostics = SocketDiagnostics.link();
                var loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
                diagnostics.ifPresent(d -> d.peerUid(loopback, loopback)); // prepares the calls; the answer is dropped
            } finally {
                linked.complete(diagnostics);
            }
        });
        return accepted -> linked.join().map(d -> d.peerUid(accepted)).orElse(OptionalInt.empty());
    }
}
