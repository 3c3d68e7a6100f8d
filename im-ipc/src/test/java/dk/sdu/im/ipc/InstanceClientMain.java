package dk.sdu.im.ipc;

import java.nio.file.Path;

/**
 * A stand-in IM/User for the cross-process test: connects as an instance (Hello), registers a port, prints
 * its own pid and the reply, and exits. Runs in a child JVM whose class path holds no junixsocket.
 *
 * <p>Arguments: the socket path and the port to register.
 */
public final class InstanceClientMain {
    private InstanceClientMain() {
    }

    public static void main(String[] args) throws Exception {
        try (InstanceConnection connection = IpcClient.connectAsInstance(Path.of(args[0]), message -> { })) {
            ServerToInstance reply = connection.request(new InstanceToServer.Register(Integer.parseInt(args[1])));
            System.out.println("pid=" + ProcessHandle.current().pid() + " reply=" + reply);
        }
    }
}
