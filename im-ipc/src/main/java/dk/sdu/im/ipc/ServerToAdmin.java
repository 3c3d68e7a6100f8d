package dk.sdu.im.ipc;

import java.util.List;
import java.util.Objects;

/**
 * Every message IM/Server sends to the admin CLI: the whole catalogue of this direction. All are replies;
 * the server never pushes to an admin connection. Times are epoch milliseconds; the wire has no nulls, so an
 * unknown or absent figure is written as stated on its field.
 */
public sealed interface ServerToAdmin {

    /** The answer to {@link AdminToServer.Hello}: the connection is open and speaks {@code version}. */
    record Welcome(int version) implements ServerToAdmin {
    }

    /** The answer to {@link AdminToServer.ListInstances}: one page. */
    record Instances(List<InstanceInfo> instances, boolean more) implements ServerToAdmin {
        public Instances {
            instances = List.copyOf(instances);
        }
    }

    /** The answer to {@link AdminToServer.ListUsers}: one page. */
    record Users(List<UserInfo> users, boolean more) implements ServerToAdmin {
        public Users {
            users = List.copyOf(users);
        }
    }

    /** The answer to {@link AdminToServer.ShowUser}: the mapping, the running instance (none or one) and the drives. */
    record User(UserInfo user, List<InstanceInfo> instances, List<DriveInfo> drives) implements ServerToAdmin {
        public User {
            Objects.requireNonNull(user, "user");
            instances = List.copyOf(instances);
            drives = List.copyOf(drives);
        }
    }

    /** The answer to {@link AdminToServer.ListRoutes}: one page. */
    record Routes(List<RouteInfo> routes, boolean more) implements ServerToAdmin {
        public Routes {
            routes = List.copyOf(routes);
        }
    }

    /** The answer to {@link AdminToServer.ListDrives}: one page. */
    record Drives(List<DriveInfo> drives, boolean more) implements ServerToAdmin {
        public Drives {
            drives = List.copyOf(drives);
        }
    }

    /** The answer to {@link AdminToServer.ListJobs}: one page. */
    record Jobs(List<JobInfo> jobs, boolean more) implements ServerToAdmin {
        public Jobs {
            jobs = List.copyOf(jobs);
        }
    }

    /** A change was made; {@code what} says what, for the administrator. */
    record Done(String what) implements ServerToAdmin {
        public Done {
            Objects.requireNonNull(what, "what");
        }
    }

    /** The thing a request named does not exist; {@code what} says which, for the administrator. */
    record NotFound(String what) implements ServerToAdmin {
        public NotFound {
            Objects.requireNonNull(what, "what");
        }
    }

    /** The request was not accepted; {@code reason} is safe to show to the administrator. */
    record Refused(String reason) implements ServerToAdmin {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * One running IM/User instance. Not a message on its own.
     *
     * @param pid the instance's JVM (the registered IPC peer), not the sudo that started it
     * @param rssBytes the JVM's resident memory from {@code /proc}, -1 when it could not be read
     * @param transfersInProgress uploads and downloads open, as the instance last reported
     * @param openStreams WebSockets and streamed calls open, as the instance last reported
     */
    record InstanceInfo(String ucloudUsername, String localUsername, int uid, long pid, int port,
                        long startedEpochMillis, long lastRequestEpochMillis, long rssBytes, int transfersInProgress,
                        int openStreams) {
        public InstanceInfo {
            Objects.requireNonNull(ucloudUsername, "ucloudUsername");
            Objects.requireNonNull(localUsername, "localUsername");
        }
    }

    /**
     * One recorded mapping. Not a message on its own.
     *
     * @param firstSeenEpochMillis when the mapping was recorded (the user's first request that resolved it)
     * @param expiresEpochMillis when it expires, 0 for never
     * @param configured whether config.yml still lists it (one that does is recorded again after a removal)
     * @param lastRequestEpochMillis the last request of the user's running instance, 0 when none runs
     */
    record UserInfo(String ucloudUsername, String localUsername, int uid, long firstSeenEpochMillis,
                    long expiresEpochMillis, boolean configured, long lastRequestEpochMillis) {
        public UserInfo {
            Objects.requireNonNull(ucloudUsername, "ucloudUsername");
            Objects.requireNonNull(localUsername, "localUsername");
        }
    }

    /**
     * One route of the gateway. Not a message on its own.
     *
     * @param openConnections requests in flight and WebSockets open through the embedded gateway now
     * @param quietMillis milliseconds since the last exchange ended, 0 while one is open, -1 when none ended yet
     */
    record RouteInfo(String ucloudUsername, int port, int openConnections, long quietMillis) {
        public RouteInfo {
            Objects.requireNonNull(ucloudUsername, "ucloudUsername");
        }
    }

    /**
     * One configured drive of a mapped user. Not a message on its own.
     *
     * @param root the drive's local root, empty when the local account does not exist now
     * @param ucloudId UCloud's id of the drive, empty unless IM/Server registered it in this run
     */
    record DriveInfo(String ucloudUsername, String locator, String title, String product, String root,
                     String ucloudId) {
        public DriveInfo {
            Objects.requireNonNull(ucloudUsername, "ucloudUsername");
            Objects.requireNonNull(locator, "locator");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(product, "product");
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(ucloudId, "ucloudId");
        }
    }

    /**
     * One job IM/Server follows. Not a message on its own.
     *
     * @param state the last state UCloud accepted, empty before the first
     */
    record JobInfo(String ucloudId, String providerId, String ucloudUsername, String localUsername, String category,
                   String state, long submittedEpochMillis) {
        public JobInfo {
            Objects.requireNonNull(ucloudId, "ucloudId");
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(ucloudUsername, "ucloudUsername");
            Objects.requireNonNull(localUsername, "localUsername");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(state, "state");
        }
    }
}
