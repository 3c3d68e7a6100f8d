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
        return switch (connection.request(new InstanceToServer.Register(port))) {
            case ServerToInstance.Assigned assigned -> assigned;
            case ServerToInstance.Refused refused -> throw new Refused(refused.reason());
            case ServerToInstance.Welcome w -> throw new Refused("unexpected Welcome");
            case ServerToInstance.Shutdown s -> throw new Refused("shut down during registration: " + s.reason());
            case ServerToInstance.Ack a -> throw new Refused("unexpected Ack");
            case ServerToInstance.TaskCreated t -> throw new Refused("unexpected TaskCreated");
            case ServerToInstance.CancelTask c -> throw new Refused("unexpected CancelTask");
            case ServerToInstance.ClaimRequired c -> throw new Refused("unexpected ClaimRequired");
        };
    }

    /**
     * Asks IM/Server to create a UCloud task for the user it assigned to this instance; returns the task's id.
     *
     * @throws dk.sdu.im.ipc.IpcClosed if IM/Server is gone
     */
    long startTask(String title) throws Refused {
        return switch (connection.request(new InstanceToServer.TaskStarted(title))) {
            case ServerToInstance.TaskCreated created -> created.taskId();
            case ServerToInstance.Refused refused -> throw new Refused(refused.reason());
            case ServerToInstance.Welcome _, ServerToInstance.Assigned _, ServerToInstance.Shutdown _,
                 ServerToInstance.Ack _, ServerToInstance.CancelTask _, ServerToInstance.ClaimRequired _ ->
                    throw new Refused("unexpected answer to TaskStarted");
        };
    }

    /** Reports how far task {@code taskId} (one of this instance's) has come. */
    void taskProgress(long taskId, String status, double percent) throws Refused {
        acknowledged(new InstanceToServer.TaskProgress(taskId, status, percent));
    }

    /** Reports that task {@code taskId} is over. */
    void taskCompleted(long taskId, boolean success, String message) throws Refused {
        acknowledged(new InstanceToServer.TaskCompleted(taskId, success, message));
    }

    private void acknowledged(InstanceToServer message) throws Refused {
        switch (connection.request(message)) {
            case ServerToInstance.Ack _ -> { }
            case ServerToInstance.Refused refused -> throw new Refused(refused.reason());
            case ServerToInstance.Welcome _, ServerToInstance.Assigned _, ServerToInstance.Shutdown _,
                 ServerToInstance.TaskCreated _, ServerToInstance.CancelTask _, ServerToInstance.ClaimRequired _ ->
                    throw new Refused("unexpected answer to " + message.getClass().getSimpleName());
        }
    }

    /** Reports that this instance served a call carrying the {@code ucloudUser} claim, with that call's token. */
    void claimSeen(String token) throws Refused {
        acknowledged(new InstanceToServer.ClaimSeen(token));
    }

    void report(InstanceToServer.Activity activity) {
        connection.request(activity);
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
