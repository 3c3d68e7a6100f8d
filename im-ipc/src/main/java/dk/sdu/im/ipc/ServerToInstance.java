package dk.sdu.im.ipc;

import java.util.Objects;

/**
 * Every message IM/Server sends to an IM/User instance: the whole catalogue of this direction.
 *
 * <p>All of them are replies to an {@link InstanceToServer} request except {@link Shutdown},
 * {@link CancelTask} and {@link ClaimRequired}, which the server may push at any time (the package-private {@code Unsolicited} rule says which is which, and both
 * ends enforce it).
 */
public sealed interface ServerToInstance {

    /** The answer to {@link InstanceToServer.Hello}: the connection is open and speaks {@code version}. */
    record Welcome(int version) implements ServerToInstance {
    }

    /**
     * Who this instance serves, as IM/Server's user mapping says, and whether user calls must carry the
     * {@code ucloudUser} claim already (under {@code core.userContext: auto}, once IM/Server has recorded seeing it).
     */
    record Assigned(String ucloudUsername, String localUsername, int uid, boolean claimRequired) implements ServerToInstance {
        public Assigned {
            Objects.requireNonNull(ucloudUsername, "ucloudUsername");
            Objects.requireNonNull(localUsername, "localUsername");
            if (uid < 0) {
                throw new IllegalArgumentException("uid must not be negative, got " + uid);
            }
        }
    }

    /** The request was not accepted; {@code reason} is safe to show to the instance's user. */
    record Refused(String reason) implements ServerToInstance {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Pushed by the server at any time: the instance should finish what it is doing and exit. */
    record Shutdown(String reason) implements ServerToInstance {
        public Shutdown {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The request was accepted and there is nothing more to say. */
    record Ack() implements ServerToInstance {
    }

    /**
     * The answer to {@link InstanceToServer.TaskStarted}: the id later messages about the task use. A negative id
     * is local to IM/Server (UCloud could not be told); the instance uses it like any other.
     */
    record TaskCreated(long taskId) implements ServerToInstance {
    }

    /** Pushed by the server at any time: the user asked UCloud to cancel this task of the instance. */
    record CancelTask(long taskId) implements ServerToInstance {
    }

    /**
     * Pushed by the server at any time: a user call carrying the {@code ucloudUser} claim has been seen, so from now on
     * user calls without it are refused ({@code core.userContext: auto}).
     */
    record ClaimRequired() implements ServerToInstance {
    }

    /** The answer to {@link InstanceToServer.ListDrives}: the drives UCloud knows of the assigned user. */
    record DriveList(java.util.List<DriveId> drives) implements ServerToInstance {
        public DriveList {
            drives = java.util.List.copyOf(drives);
        }
    }

    /** A drive's UCloud id and the name of its {@code drives} entry (the locator). */
    record DriveId(String id, String locator) {
        public DriveId {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(locator, "locator");
        }
    }
}
