package dk.sdu.im.ipc;

import java.util.List;
import java.util.Objects;

/**
 * Every message IM/Server sends to the admin CLI: the whole catalogue of this direction. All are replies;
 * the server never pushes to an admin connection.
 */
public sealed interface ServerToAdmin {

    /** The answer to {@link AdminToServer.Hello}: the connection is open and speaks {@code version}. */
    record Welcome(int version) implements ServerToAdmin {
    }

    /** The answer to {@link AdminToServer.ListInstances}. */
    record Instances(List<InstanceInfo> instances) implements ServerToAdmin {
        public Instances {
            instances = List.copyOf(instances);
        }
    }

    /** The request was not accepted; {@code reason} is safe to show to the administrator. */
    record Refused(String reason) implements ServerToAdmin {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** One running IM/User instance, as listed by {@link Instances}. Not a message on its own. */
    record InstanceInfo(String ucloudUsername, String localUsername, int uid, long pid, int port,
                        long startedEpochMillis, long lastRequestEpochMillis) {
        public InstanceInfo {
            Objects.requireNonNull(ucloudUsername, "ucloudUsername");
            Objects.requireNonNull(localUsername, "localUsername");
        }
    }
}
