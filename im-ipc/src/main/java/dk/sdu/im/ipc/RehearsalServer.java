package dk.sdu.im.ipc;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * IM/Server's end of the instance conversation, played in-process for a rehearsal of an instance's start-up
 * (IM/User's AOT training): it welcomes, assigns every registration to one fixed user and acknowledges
 * everything else. It checks no peer and enforces no permission table, so it is never part of IM/Server. It
 * uses only the JDK's unix sockets, as instances do, so a rehearsal loads no class that an instance does not.
 */
public final class RehearsalServer implements AutoCloseable {
    private final Path socket;
    private final ServerSocketChannel listener;
    private final ServerToInstance.Assigned assignment;

    private RehearsalServer(Path socket, ServerSocketChannel listener, ServerToInstance.Assigned assignment) {
        this.socket = socket;
        this.listener = listener;
        this.assignment = assignment;
    }

    /** Listens at {@code socket} (a new path) and answers every connection on its own virtual thread. */
    public static RehearsalServer start(Path socket, ServerToInstance.Assigned assignment) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(socket));
        RehearsalServer server = new RehearsalServer(socket, listener, assignment);
        Thread.ofVirtual().name("ipc-rehearsal").start(server::acceptLoop);
        return server;
    }

    private void acceptLoop() {
        try {
            while (true) {
                SocketChannel channel = listener.accept();
                Thread.ofVirtual().name("ipc-rehearsal-connection").start(() -> converse(ClientLink.accepted(socket, channel)));
            }
        } catch (IOException e) {
            // Closed: the rehearsal is over.
        }
    }

    private void converse(ClientLink link) {
        try {
            for (Frame frame = link.read(); frame != null; frame = link.read()) {
                link.write(Codec.SERVER_TO_INSTANCE.encode(answer(Codec.INSTANCE_TO_SERVER.decode(frame))));
            }
        } catch (IOException | ProtocolViolation e) {
            // The instance side ended or broke the conversation; a rehearsal has nothing to recover.
        } finally {
            link.close();
        }
    }

    private ServerToInstance answer(InstanceToServer message) {
        return switch (message) {
            case InstanceToServer.Hello hello -> new ServerToInstance.Welcome(IpcProtocol.VERSION);
            case InstanceToServer.Register register -> assignment;
            default -> new ServerToInstance.Ack();
        };
    }

    @Override
    public void close() throws IOException {
        listener.close();
        Files.deleteIfExists(socket);
    }
}
