package dk.sdu.im.ipc;

import java.io.IOException;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketCredentials;

/** The kernel's SO_PEERCRED of an accepted connection, as a {@link Peer}; a peer without a pid is refused. */
final class PeerCredentials {
    private PeerCredentials() {
    }

    static Peer of(AFUNIXSocket socket) throws IOException, ProtocolViolation {
        AFUNIXSocketCredentials credentials = socket.getPeerCredentials();
        if (credentials == null || credentials.getPid() <= 0) {
            throw new ProtocolViolation("the kernel did not report the peer's pid: " + credentials);
        }
        try {
            return new Peer(credentials.getPid(), Math.toIntExact(credentials.getUid()),
                    Math.toIntExact(credentials.getGid()));
        } catch (ArithmeticException e) {
            throw new ProtocolViolation("peer uid or gid out of range: " + credentials, e);
        }
    }
}
