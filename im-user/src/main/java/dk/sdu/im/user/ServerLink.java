package dk.sdu.im.user;

import dk.sdu.im.ipc.InstanceConnection;
import dk.sdu.im.ipc.InstanceToServer;
import dk.sdu.im.ipc.IpcClient;
import dk.sdu.im.ipc.ServerToInstance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * This instance's link to IM/Server: register the port it listens on, learn whom it serves, report activity.
 * IM/Server decides everything from kernel facts about this process; nothing said here is a credential.
 */
final class ServerLink implements AutoCloseable {
    private final InstanceConnection connection;

    private ServerLink(InstanceConnection connection) {
        this.connection = connection;
    }

    static ServerLink connect(Path socket, Consumer<ServerToInstance> pushes) throws IOException {
        return new ServerLink(IpcClient.connectAsInstance(socket, pushes));
    }

    /** Registers the one port this instance serves on; returns the assignment or throws with IM/Server's reason. */
    ServerToInstance.Assigned register(int port) throws Refused {
        return answer(new InstanceToServer.Register(port), ServerToInstance.Assigned.class);
    }

    /**
     * Asks IM/Server to create a UCloud task for the user it assigned to this instance; returns the task's id.
     *
     * @throws dk.sdu.im.ipc.IpcClosed if IM/Server is gone
     */
    long startTask(String title) throws Refused {
        return answer(new InstanceToServer.TaskStarted(title), ServerToInstance.TaskCreated.class).taskId();
    }

    /** Reports how far task {@code taskId} (one of this instance's) has come. */
    void taskProgress(long taskId, String status, double percent) throws Refused {
        answer(new InstanceToServer.TaskProgress(taskId, status, percent), ServerToInstance.Ack.class);
    }

    /** Reports that task {@code taskId} is over. */
    void taskCompleted(long taskId, boolean success, String message) throws Refused {
        answer(new InstanceToServer.TaskCompleted(taskId, success, message), ServerToInstance.Ack.class);
    }

    /** Reports that this instance served a call carrying the {@code ucloudUser} claim, with that call's token. */
    void claimSeen(String token) throws Refused {
        answer(new InstanceToServer.ClaimSeen(token), ServerToInstance.Ack.class);
    }

    /** Reports a token this instance rejected, for IM/Server's audit trail. */
    void tokenRejected(String reason, String claimedUser) throws Refused {
        answer(new InstanceToServer.TokenRejected(reason, claimedUser), ServerToInstance.Ack.class);
    }

    /** The drives UCloud knows of this instance's user. */
    java.util.List<ServerToInstance.DriveId> drives() throws Refused {
        return answer(new InstanceToServer.ListDrives(), ServerToInstance.DriveList.class).drives();
    }

    /** Asks whether the job's owner may still use {@code category}; throws with the reason when not. */
    void maySubmit(String ucloudJobId, String project, String category) throws Refused {
        answer(new InstanceToServer.MaySubmit(ucloudJobId, project, category), ServerToInstance.Ack.class);
    }

    /** Hands a submitted job to IM/Server's monitor; throws with IM/Server's reason when it will not track it. */
    void jobSubmitted(InstanceToServer.JobSubmitted submitted) throws Refused {
        answer(submitted, ServerToInstance.Ack.class);
    }

    /** Reports what a backend without a scheduler saw of one of this instance's jobs. */
    void jobObserved(InstanceToServer.JobObserved observed) throws Refused {
        answer(observed, ServerToInstance.Ack.class);
    }

    /** Sends one request; the reply must be {@code expected}, else Refused carries IM/Server's reason or the surprise. */
    private <T extends ServerToInstance> T answer(InstanceToServer message, Class<T> expected) throws Refused {
        ServerToInstance reply = connection.request(message);
        if (expected.isInstance(reply)) {
            return expected.cast(reply);
        }
        if (reply instanceof ServerToInstance.Refused refused) {
            throw new Refused(refused.reason());
        }
        throw new Refused("unexpected answer to " + message.getClass().getSimpleName() + ": " + reply);
    }

    void report(InstanceToServer.Activity activity) {
        connection.request(activity);
    }

    /** Reports what this instance served since the last report; IM/Server only counts it. */
    void report(InstanceToServer.Served served) {
        connection.request(served);
    }

    /** Completes when IM/Server is gone. */
    java.util.concurrent.CompletionStage<?> lost() {
        return connection.closed();
    }

    @Override
    public void close() {
        connection.close();
    }

    /** IM/Server would not register this instance, or refused a task report. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }
}
