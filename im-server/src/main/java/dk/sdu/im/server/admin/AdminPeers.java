package dk.sdu.im.server.admin;

import dk.sdu.im.ipc.Peer;
import dk.sdu.im.ipc.PeerClassifier;
import dk.sdu.im.ipc.PeerKind;
import dk.sdu.im.server.identity.AdminGroup;

/**
 * IM/Server's classifier of IPC peers: an instance it launched is {@link PeerKind#INSTANCE} (the supervisor decides),
 * root and members of {@code server.adminGroup} are {@link PeerKind#ADMIN}, anyone else {@link PeerKind#LOCAL_USER}.
 * From kernel facts only.
 */
public record AdminPeers(PeerClassifier instances, AdminGroup admins) implements PeerClassifier {
    @Override
    public PeerKind classify(Peer peer) {
        PeerKind kind = instances.classify(peer);
        if (kind == PeerKind.LOCAL_USER && admins.admits(peer)) {
            return PeerKind.ADMIN;
        }
        return kind;
    }
}
