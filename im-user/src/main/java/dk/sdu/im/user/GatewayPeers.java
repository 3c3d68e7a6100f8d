package dk.sdu.im.user;

import dk.sdu.im.ipc.kernel.PeerAccounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Who may connect to this instance (DESIGN 4.11): the gateway's account, which is the account that owns IM/Server's
 * IPC socket (the embedded gateway runs in IM/Server), and root. Any other local user's connection is closed unread,
 * so nobody else can hold this instance's memory or threads.
 */
final class GatewayPeers {
    private GatewayPeers() {
    }

    /** Admits the owner of {@code ipcSocket} and root; the owner is read once, at start-up, without following a link. */
    static PeerAccounts of(Path ipcSocket, PeerAccounts.Owners owners) throws IOException {
        int gateway = (Integer) Files.getAttribute(ipcSocket, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        return PeerAccounts.accountAndRoot(gateway, owners, "the gateway's account");
    }
}
