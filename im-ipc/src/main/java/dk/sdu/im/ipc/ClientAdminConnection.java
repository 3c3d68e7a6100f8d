package dk.sdu.im.ipc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link AdminConnection} of the admin CLI: strictly request, then reply, on the caller's thread. The
 * server never pushes here, so there is no reader thread; anything but a reply closes the connection.
 */
final class ClientAdminConnection implements AdminConnection {
    private final ClientLink link;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicReference<IpcClosed> closedBecause = new AtomicReference<>();

    private ClientAdminConnection(ClientLink link) {
        this.link = link;
    }

    static ClientAdminConnection open(Path socket) throws IOException {
        // Encoded before connecting: the first use of the JSON mapper can take longer than the server's handshake
        // deadline on a loaded host, and the deadline runs from the connect.
        Frame hello = Codec.ADMIN_TO_SERVER.encode(new AdminToServer.Hello(IpcProtocol.NAME, IpcProtocol.VERSION));
        ClientLink link = ClientLink.connect(socket);
        try {
            handshake(link, hello);
        } catch (IOException | ProtocolViolation e) {
            link.close();
            throw link.closed("failed during the handshake: " + e.getMessage(), e);
        } catch (IpcClosed e) {
            link.close();
            throw e;
        }
        return new ClientAdminConnection(link);
    }

    private static void handshake(ClientLink link, Frame hello) throws IOException, ProtocolViolation {
        link.write(hello);
        Frame frame = link.read();
        if (frame == null) {
            throw link.closed("was closed by the server during the handshake");
        }
        switch (Codec.SERVER_TO_ADMIN.decode(frame)) {
            case ServerToAdmin.Welcome welcome when welcome.version() == IpcProtocol.VERSION -> { }
            case ServerToAdmin.Welcome welcome ->
                    throw new ProtocolViolation("the server welcomed version " + welcome.version());
            case ServerToAdmin.Refused refused -> throw link.refused(refused.reason());
            default -> throw new ProtocolViolation("the server answered Hello without a Welcome");
        }
    }

    @Override
    public ServerToAdmin request(AdminToServer message) {
        Objects.requireNonNull(message, "message");
        if (message instanceof AdminToServer.Hello) {
            throw new IllegalArgumentException("Hello is sent by connectAsAdmin, once");
        }
        Frame frame = Codec.ADMIN_TO_SERVER.encode(message);
        lock.lock();
        try {
            IpcClosed earlier = closedBecause.get();
            if (earlier != null) {
                throw new IpcClosed(earlier.getMessage(), earlier);
            }
            link.write(frame);
            Frame answer = link.read();
            if (answer == null) {
                throw fail(link.closed("was closed by the server"));
            }
            return reply(Codec.SERVER_TO_ADMIN.decode(answer));
        } catch (IOException e) {
            throw fail(link.closed("failed: " + e, e));
        } catch (ProtocolViolation e) {
            throw fail(link.closed("was closed because the server broke the protocol: " + e.getMessage(), e));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        fail(link.closed("was closed by this process")); // without the lock: unblocks a waiting request
    }

    private static ServerToAdmin reply(ServerToAdmin message) throws ProtocolViolation {
        return switch (message) {
            case ServerToAdmin.Welcome _ -> throw new ProtocolViolation("Welcome after the handshake");
            case ServerToAdmin.Instances m -> m;
            case ServerToAdmin.Users m -> m;
            case ServerToAdmin.User m -> m;
            case ServerToAdmin.Routes m -> m;
            case ServerToAdmin.Drives m -> m;
            case ServerToAdmin.Jobs m -> m;
            case ServerToAdmin.Done m -> m;
            case ServerToAdmin.NotFound m -> m;
            case ServerToAdmin.Refused m -> m;
        };
    }

    private IpcClosed fail(IpcClosed reason) {
        closedBecause.compareAndSet(null, reason);
        link.close();
        return closedBecause.get();
    }
}
