package dk.sdu.im.user;

import dk.sdu.im.ipc.LogThrottle;
import dk.sdu.im.api.http.PeerCheck;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who may connect to this instance (DESIGN 4.11): the gateway's account, which is the account that owns IM/Server's
 * IPC socket (the embedded gateway runs in IM/Server), and root. Any other local user's connection is closed
 * unread, so nobody else can hold this instance's memory or threads. The connecting socket's owner comes from the
 * kernel ({@link Owners}); a connection whose owner cannot be learnt is refused.
 *
 * <p>Refusals are logged at most once per uid in 10 s, with a count after, so a flood cannot flood the log.
 */
final class GatewayPeers implements PeerCheck {
    private static final Logger LOG = Logger.getLogger(GatewayPeers.class.getName());

    /** The uid owning the socket at the other end of an accepted loopback connection, from the kernel. */
    @FunctionalInterface
    interface Owners {
        OptionalInt uidOf(Socket accepted);
    }

    private final Set<Integer> admitted;
    private final Owners owners;
    private final LogThrottle log = new LogThrottle(LOG, Duration.ofSeconds(10),
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("peer-log").factory()));

    GatewayPeers(Set<Integer> admitted, Owners owners) {
        this.admitted = Set.copyOf(admitted);
        this.owners = owners;
    }

    /** Admits the owner of {@code ipcSocket} and root; read once, at start-up, without following a link. */
    static GatewayPeers of(Path ipcSocket, Owners owners) throws IOException {
        int gateway = (Integer) Files.getAttribute(ipcSocket, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        return new GatewayPeers(java.util.stream.Stream.of(gateway, 0).collect(java.util.stream.Collectors.toSet()), owners);
    }

    /** The uids admitted. */
    Set<Integer> admitted() {
        return admitted;
    }

    @Override
    public boolean admits(Socket accepted) {
        OptionalInt uid = owners.uidOf(accepted);
        if (uid.isPresent() && admitted.contains(uid.getAsInt())) {
            return true;
        }
        String who = uid.isPresent() ? "uid " + uid.getAsInt() : "an owner the kernel did not report";
        log.log(Level.WARNING, "refused " + who, () -> "refused a connection from " + who + " ("
                + accepted.getRemoteSocketAddress() + "): only the gateway's account may connect");
        return false;
    }
}
