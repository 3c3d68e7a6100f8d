package dk.sdu.im.cli;

import dk.sdu.im.ipc.AdminHandler;
import dk.sdu.im.ipc.AdminToServer;
import dk.sdu.im.ipc.InstanceHandler;
import dk.sdu.im.ipc.InstanceSession;
import dk.sdu.im.ipc.InstanceToServer;
import dk.sdu.im.ipc.IpcServer;
import dk.sdu.im.ipc.PeerClassifier;
import dk.sdu.im.ipc.PeerKind;
import dk.sdu.im.ipc.Permissions;
import dk.sdu.im.ipc.ServerToInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A stand-in for IM/Server's admin side on a real IPC socket: the real transport, handshake and permission table
 * (admin messages for {@link PeerKind#ADMIN} only), with the test's classifier and answers. Writes a config.yml that
 * names its socket, in a directory every local user can read.
 */
final class FakeServer implements AutoCloseable {
    final Path configDir;
    private final IpcServer server;

    private FakeServer(Path configDir, IpcServer server) {
        this.configDir = configDir;
        this.server = server;
    }

    static FakeServer start(Path dir, PeerClassifier classifier, AdminHandler admin) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path socket = dir.resolve("ucloud.sock");
        Path etc = Files.createDirectories(dir.resolve("etc"));
        writeConfig(etc, socket);
        Permissions.Builder table = Permissions.builder().allow(AdminToServer.Hello.class, PeerKind.ADMIN);
        for (Class<?> message : AdminToServer.class.getPermittedSubclasses()) {
            if (message != AdminToServer.Hello.class) {
                table.allow(message.asSubclass(Record.class), PeerKind.ADMIN);
            }
        }
        IpcServer server = IpcServer.start(socket, new IpcServer.Settings(classifier, table.build(), new NoInstances(), admin,
                IpcServer.Settings.DEFAULT_MAX_CONNECTIONS, java.time.Duration.ofSeconds(30))); // a loaded host is slow
        return new FakeServer(etc, server);
    }

    static void writeConfig(Path etc, Path socket) throws Exception {
        Files.writeString(etc.resolve("config.yml"), """
                provider:
                  id: slurm
                  publicUrl: https://slurm.example.org
                core:
                  url: https://cloud.example.org
                instances:
                  ipcSocket: %s
                products:
                  home:
                    type: storage
                    accountingUnit: {name: GB, namePlural: GB, floatingPoint: false, displayFrequencySuffix: false}
                    accountingFrequency: PERIODIC_DAY
                    products:
                      - {name: home, description: Home directory}
                """.formatted(socket));
        Files.setPosixFilePermissions(etc, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(etc.resolve("config.yml"), PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Override
    public void close() {
        server.close();
    }

    private static final class NoInstances implements InstanceHandler {
        @Override
        public ServerToInstance onMessage(InstanceSession session, InstanceToServer message) {
            return new ServerToInstance.Refused("no instances here");
        }

        @Override
        public void onClose(InstanceSession session) {
        }
    }
}
