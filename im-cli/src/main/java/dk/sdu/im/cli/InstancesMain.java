package dk.sdu.im.cli;

import dk.sdu.im.config.ConfigDirectory;
import dk.sdu.im.config.ConfigException;
import dk.sdu.im.config.ImConfig;
import dk.sdu.im.ipc.AdminToServer;
import dk.sdu.im.ipc.IpcClient;
import dk.sdu.im.ipc.IpcClosed;
import dk.sdu.im.ipc.ServerToAdmin;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** {@code ucloud-im instances}: the running IM/User instances (user, uid, pid, port, started, last request). */
public final class InstancesMain {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private InstancesMain() {
    }

    public static void main(String[] args) {
        Path given = null; // the distribution's own configuration directory (ConfigDirectory)
        if (args.length == 2 && args[0].equals("--config-dir")) {
            given = Path.of(args[1]);
        } else if (args.length > 0) {
            System.out.println("Usage: ucloud-im instances [--config-dir DIR]   (as root: lists running user instances)");
            System.exit(args[0].equals("--help") ? 0 : 64);
        }
        try (var admin = IpcClient.connectAsAdmin(load(given).instances().ipcSocket())) {
            switch (admin.request(new AdminToServer.ListInstances())) {
                case ServerToAdmin.Instances instances -> print(instances);
                case ServerToAdmin.Refused refused -> fail(77, "IM/Server refused: " + refused.reason());
                case ServerToAdmin.Welcome welcome -> fail(70, "unexpected reply from IM/Server");
            }
        } catch (IOException | IpcClosed e) {
            fail(69, "cannot ask IM/Server: " + e.getMessage() + " (is it running, and are you root?)");
        }
    }

    private static void print(ServerToAdmin.Instances instances) {
        System.out.printf("%-24s %-16s %7s %8s %6s  %-19s  %-19s%n", "UCLOUD USER", "LOCAL USER", "UID", "PID", "PORT",
                "STARTED", "LAST REQUEST");
        for (var i : instances.instances()) {
            System.out.printf("%-24s %-16s %7d %8d %6d  %-19s  %-19s%n", i.ucloudUsername(), i.localUsername(), i.uid(), i.pid(),
                    i.port(), TIME.format(Instant.ofEpochMilli(i.startedEpochMillis())),
                    TIME.format(Instant.ofEpochMilli(i.lastRequestEpochMillis())));
        }
    }

    private static ImConfig load(Path given) {
        try {
            return ImConfig.load(ConfigDirectory.orOfThisDistribution(given));
        } catch (ConfigException e) {
            fail(78, "ucloud-im instances: " + e.getMessage());
            return null;
        }
    }

    private static void fail(int status, String line) {
        System.err.println(line);
        System.exit(status);
    }
}
