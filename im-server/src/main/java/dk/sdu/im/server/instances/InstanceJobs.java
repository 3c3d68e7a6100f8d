package dk.sdu.im.server.instances;

import dk.sdu.im.ipc.InstanceToServer;
import dk.sdu.im.ipc.ServerToInstance;

/**
 * What IM/Server does with an instance's job messages. The supervisor names the instance's user from its own
 * record of the session (the assignment it made after the kernel checks), never from the message.
 */
public interface InstanceJobs {
    /** Who an instance serves, as the supervisor assigned it. */
    record Assignee(String ucloudUser, String localUser, int uid) {
    }

    ServerToInstance drives(Assignee instance);

    ServerToInstance maySubmit(Assignee instance, InstanceToServer.MaySubmit request);

    ServerToInstance submitted(Assignee instance, InstanceToServer.JobSubmitted submitted);

    ServerToInstance observed(Assignee instance, InstanceToServer.JobObserved observed);

    /** For a provider without a compute backend: every job message is refused. */
    static InstanceJobs none() {
        ServerToInstance refused = new ServerToInstance.Refused("jobs are not enabled on this provider");
        return new InstanceJobs() {
            @Override
            public ServerToInstance drives(Assignee instance) {
                return refused;
            }

            @Override
            public ServerToInstance maySubmit(Assignee instance, InstanceToServer.MaySubmit request) {
                return refused;
            }

            @Override
            public ServerToInstance submitted(Assignee instance, InstanceToServer.JobSubmitted submitted) {
                return refused;
            }

            @Override
            public ServerToInstance observed(Assignee instance, InstanceToServer.JobObserved observed) {
                return refused;
            }
        };
    }
}
