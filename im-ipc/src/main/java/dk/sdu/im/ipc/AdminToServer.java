package dk.sdu.im.ipc;

import java.util.Objects;

/**
 * Every message the admin CLI sends to IM/Server: the whole catalogue of this direction.
 *
 * <p>Sender: a process run by an administrator (IM/Server's {@link PeerClassifier} decides who that is from
 * the kernel-reported {@link Peer}). Each message is answered by exactly one {@link ServerToAdmin} reply.
 *
 * <p>Lists come in pages: a {@code List...} request names the last key of the page before ({@code after}, empty
 * for the first page), and its reply holds the entries after it, in key order, as many as fit in one frame
 * ({@link AdminPages}), with {@code more} set when entries are left.
 */
public sealed interface AdminToServer {

    /** The first message on every connection; answered by {@link ServerToAdmin.Welcome}. */
    record Hello(String protocol, int version) implements AdminToServer {
        public Hello {
            Objects.requireNonNull(protocol, "protocol");
        }
    }

    /** List the IM/User instances IM/Server runs, by UCloud username; answered by {@link ServerToAdmin.Instances}. */
    record ListInstances(String after) implements AdminToServer {
        public ListInstances {
            Objects.requireNonNull(after, "after");
        }
    }

    /** List the recorded user mappings, by UCloud username; answered by {@link ServerToAdmin.Users}. */
    record ListUsers(String after) implements AdminToServer {
        public ListUsers {
            Objects.requireNonNull(after, "after");
        }
    }

    /** One user's mapping, instance and drives; answered by {@link ServerToAdmin.User} or {@link ServerToAdmin.NotFound}. */
    record ShowUser(String ucloudUsername) implements AdminToServer {
        public ShowUser {
            Objects.requireNonNull(ucloudUsername, "ucloudUsername");
        }
    }

    /**
     * Forget a user's recorded mapping and stop their instance; answered by {@link ServerToAdmin.Done} or
     * {@link ServerToAdmin.NotFound}. A mapping still listed in config.yml is recorded again on the user's next request.
     */
    record RemoveUser(String ucloudUsername) implements AdminToServer {
        public RemoveUser {
            Objects.requireNonNull(ucloudUsername, "ucloudUsername");
        }
    }

    /** Stop a user's instance (route down, then asked to exit); answered by {@link ServerToAdmin.Done} or NotFound. */
    record StopInstance(String ucloudUsername) implements AdminToServer {
        public StopInstance {
            Objects.requireNonNull(ucloudUsername, "ucloudUsername");
        }
    }

    /** List the gateway's routes, by UCloud username; answered by {@link ServerToAdmin.Routes}. */
    record ListRoutes(String after) implements AdminToServer {
        public ListRoutes {
            Objects.requireNonNull(after, "after");
        }
    }

    /** List the configured drives of every mapped user, by UCloud username; answered by {@link ServerToAdmin.Drives}. */
    record ListDrives(String after) implements AdminToServer {
        public ListDrives {
            Objects.requireNonNull(after, "after");
        }
    }

    /** List the jobs IM/Server follows, by UCloud job id; answered by {@link ServerToAdmin.Jobs}. */
    record ListJobs(String after) implements AdminToServer {
        public ListJobs {
            Objects.requireNonNull(after, "after");
        }
    }
}
