package dk.sdu.im.ipc;

/**
 * IM/Server's decision of what a connected peer is (for example: uid 0 is {@link PeerKind#ADMIN}, a pid that
 * descends from a launch IM/Server made is {@link PeerKind#INSTANCE}, anyone else
 * {@link PeerKind#LOCAL_USER}).
 *
 * <p>Called once per connection, after the peer's {@code Hello} was read and before the {@code Welcome} is
 * sent, on that connection's thread; calls for different connections run concurrently. It must not
 * return {@code null}. If it throws, the connection is closed and the failure logged.
 */
@FunctionalInterface
public interface PeerClassifier {
    PeerKind classify(Peer peer);
}
