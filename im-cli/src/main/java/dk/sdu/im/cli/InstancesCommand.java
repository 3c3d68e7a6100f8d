package dk.sdu.im.cli;

import dk.sdu.im.ipc.AdminToServer;
import dk.sdu.im.ipc.ServerToAdmin;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ucloud-im instances ls|stop}: the running IM/User instances. {@code instances} alone lists them. */
@Command(name = "instances", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "The running IM/User instances, one per user (alone: the same as 'instances ls').")
final class InstancesCommand extends Shell implements Callable<Integer> {
    static final List<String> HEADER = List.of("UCLOUD USER", "LOCAL USER", "UID", "PID", "PORT", "STARTED", "UPTIME",
            "IDLE", "MEMORY", "TRANSFERS", "STREAMS");

    @Mixin
    AdminOptions options;

    @Override
    public Integer call() {
        return ls(options);
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
            description = "List the instances: UCloud and local user, uid, the JVM's pid, loopback port, start, uptime,"
                    + " time since the last request, resident memory, and the transfers and streams it reports open.")
    int ls(@Mixin AdminOptions options) {
        try (AdminSession session = options.connect()) {
            List<ServerToAdmin.InstanceInfo> instances = session.all(AdminToServer.ListInstances::new,
                    ServerToAdmin.Instances.class, r -> new AdminSession.Page<>(r.instances(), r.more()),
                    ServerToAdmin.InstanceInfo::ucloudUsername);
            output(options).table(instances, HEADER, InstancesCommand::row);
        }
        return 0;
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
            description = "Stop a user's instance: its route goes down and it is asked to exit, after its open work as"
                    + " when it is idle. The user's next request starts a new one.")
    int stop(@Mixin AdminOptions options,
             @Parameters(paramLabel = "UCLOUD_USER", description = "the UCloud username, e.g. alice#1234") String user) {
        try (AdminSession session = options.connect()) {
            output(options).done(session.ask(new AdminToServer.StopInstance(user), ServerToAdmin.Done.class).what());
        }
        return 0;
    }

    static List<String> row(ServerToAdmin.InstanceInfo i) {
        long now = System.currentTimeMillis();
        return List.of(i.ucloudUsername(), i.localUsername(), Integer.toString(i.uid()), Long.toString(i.pid()),
                Integer.toString(i.port()), Output.time(i.startedEpochMillis()), Output.duration(now - i.startedEpochMillis()),
                Output.duration(Math.max(0, now - i.lastRequestEpochMillis())), Output.bytes(i.rssBytes()),
                Integer.toString(i.transfersInProgress()), Integer.toString(i.openStreams()));
    }
}
