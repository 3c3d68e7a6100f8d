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

    /** Registers {@code port}; returns the assignment or throws with IM/Server's reason. */
    ServerToInstance.Assigned register(int port) throws Refused {
        return switch (connection.request(new InstanceToServer.Register(port))) {
            case ServerToInstance.Assigned assigned -> assigned;
            case ServerToInstance.Refused refused -> throw new Refused(refused.reason());
            case ServerToInstance.Welcome w -> throw new Refused("unexpected Welcome");
            case ServerToInstance.Shutdown s -> throw new Refused("shut down during registration: " + s.reason());
            case ServerToInstance.Ack a -> throw new Refused("unexpected Ack");
        };
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

    /** IM/Server would not register this instance. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }
}
