package dk.sdu.im.ipc;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real {@link IpcServer} on a unix socket in a test directory, with fake handlers and a classifier that
 * says whatever kind the test sets (every in-process client has the same credentials, so the kind cannot
 * come from them here).
 */
final class ServerFixture implements AutoCloseable {
    final Path socket;
    final AtomicReference<PeerKind> kind;
    final RecordingInstanceHandler instances = new RecordingInstanceHandler();
    final RecordingAdminHandler admins = new RecordingAdminHandler();
    final IpcServer server;

    static {
        warmUp();
    }

    /**
     * Loads what decoding takes (Jackson, the codecs) before any server's handshake clock runs: in a cold JVM on a
     * loaded machine that loading alone can outlast the 2 s handshake, and a test must not fail on timing.
     */
    private static void warmUp() {
        try {
            Codec.INSTANCE_TO_SERVER.decode(Codec.INSTANCE_TO_SERVER.encode(new InstanceToServer.Register(42001)));
            Codec.ADMIN_TO_SERVER.decode(Codec.ADMIN_TO_SERVER.encode(new AdminToServer.ListInstances("")));
            Codec.SERVER_TO_INSTANCE.decode(Codec.SERVER_TO_INSTANCE.encode(new ServerToInstance.Ack()));
            Codec.SERVER_TO_ADMIN.decode(Codec.SERVER_TO_ADMIN.encode(new ServerToAdmin.Refused("warm-up")));
        } catch (ProtocolViolation e) {
            throw new IllegalStateException("a message the codec encoded does not decode", e);
        }
    }

    private ServerFixture(Path socket, PeerKind kind, Permissions permissions, int maxConnections,
                          Duration handshakeTimeout) throws IOException {
        this.socket = socket;
        this.kind = new AtomicReference<>(kind);
        this.server = IpcServer.start(socket, new IpcServer.Settings(peer -> this.kind.get(), permissions,
                instances, admins, maxConnections, handshakeTimeout));
    }

    static ServerFixture start(Path dir, PeerKind kind) throws IOException {
        return start(dir, kind, standardPermissions());
    }

    static ServerFixture start(Path dir, PeerKind kind, Permissions permissions) throws IOException {
        return new ServerFixture(dir.resolve("ipc.sock"), kind, permissions,
                IpcServer.Settings.DEFAULT_MAX_CONNECTIONS, IpcServer.Settings.DEFAULT_HANDSHAKE_TIMEOUT);
    }

    static ServerFixture start(Path dir, PeerKind kind, int maxConnections, Duration handshakeTimeout)
            throws IOException {
        return new ServerFixture(dir.resolve("ipc.sock"), kind, standardPermissions(), maxConnections,
                handshakeTimeout);
    }

    /** The table IM/Server is expected to declare. */
    static Permissions standardPermissions() {
        return Permissions.builder()
                .allow(InstanceToServer.Hello.class, PeerKind.INSTANCE, PeerKind.LOCAL_USER)
                .allow(InstanceToServer.Register.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.Activity.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.Goodbye.class, PeerKind.INSTANCE)
                .allow(AdminToServer.Hello.class, PeerKind.ADMIN, PeerKind.LOCAL_USER)
                .allow(AdminToServer.ListInstances.class, PeerKind.ADMIN)
                .build();
    }

    InstanceConnection connectInstance() throws IOException {
        return IpcClient.connectAsInstance(socket, message -> { });
    }

    RawPeer raw() throws IOException {
        return RawPeer.connect(socket);
    }

    @Override
    public void close() {
        server.close();
    }
}
