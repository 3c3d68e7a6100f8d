package dk.sdu.im.user;

import dk.sdu.im.config.GatewayConfig;
import dk.sdu.im.ipc.kernel.PeerAccounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Who may connect to this instance (DESIGN 4.11): the gateway's account, which is the account that owns IM/Server's
 * IPC socket (the embedded gateway runs in IM/Server), and root; with {@code gateway.type: haproxy} also HAProxy's
 * account, {@code gateway.haproxy.user}, which sends user calls straight to instances. Any other local user's
 * connection is closed unread, so nobody else can hold this instance's memory or threads.
 *
 * <p>Trust: HAProxy's account comes from config.yml, which is root-owned and checked with everything else a launch
 * reads before every launch, and its uid from the system's account database; nothing IM/Server or a user says widens
 * the set.
 */
final class GatewayPeers {
    private GatewayPeers() {
    }

    /** The uid of a local account by name, from the system's account database; empty if there is none. */
    @FunctionalInterface
    interface Accounts {
        OptionalInt uid(String name) throws IOException;
    }

    /**
     * Admits the owner of {@code ipcSocket} (read once, at start-up, without following a link), root and, in haproxy
     * mode, HAProxy's account.
     *
     * @throws IOException if the socket's owner cannot be read or HAProxy's account does not exist
     */
    static PeerAccounts of(Path ipcSocket, GatewayConfig gateway, Accounts accounts, PeerAccounts.Owners owners)
            throws IOException {
        int service = (Integer) Files.getAttribute(ipcSocket, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (gateway.type() != GatewayConfig.Type.HAPROXY) {
            return PeerAccounts.accountAndRoot(service, owners, "the gateway's account");
        }
        String name = gateway.haproxy().user();
        int haproxy = accounts.uid(name).orElseThrow(() -> new IOException("gateway.haproxy.user " + name
                + " is not an account on this host"));
        Set<Integer> admitted = new HashSet<>(java.util.List.of(service, haproxy, 0));
        return new PeerAccounts(admitted, owners, "the gateway's account and HAProxy's (" + name + ")");
    }
}
