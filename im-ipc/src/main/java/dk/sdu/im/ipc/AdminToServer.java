package dk.sdu.im.ipc;

import java.util.Objects;

/**
 * Every message the admin CLI sends to IM/Server: the whole catalogue of this direction.
 *
 * <p>Sender: a process run by an administrator (IM/Server's {@link PeerClassifier} decides who that is from
 * the kernel-reported {@link Peer}). Each message is answered by exactly one {@link ServerToAdmin} reply.
 */
public sealed interface AdminToServer {

    /** The first message on every connection; answered by {@link ServerToAdmin.Welcome}. */
    record Hello(String protocol, int version) implements AdminToServer {
        public Hello {
            Objects.requireNonNull(protocol, "protocol");
        }
    }

    /** List the IM/User instances IM/Server knows; answered by {@link ServerToAdmin.Instances}. */
    record ListInstances() implements AdminToServer {
    }
}
