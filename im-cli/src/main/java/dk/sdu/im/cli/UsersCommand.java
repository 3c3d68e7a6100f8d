package dk.sdu.im.cli;

import dk.sdu.im.ipc.AdminToServer;
import dk.sdu.im.ipc.ServerToAdmin;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ucloud-im users ls|show|rm}: the recorded mappings of UCloud users to local accounts. */
@Command(name = "users", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "UCloud users mapped to local accounts, as IM/Server's database records them.")
final class UsersCommand extends Shell {
    static final List<String> HEADER = List.of("UCLOUD USER", "LOCAL USER", "UID", "FIRST SEEN", "LAST REQUEST", "CONFIGURED");

    @Command(name = "ls", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
            description = "List every recorded mapping: UCloud user, local user, uid, when first seen, the running"
                    + " instance's last request, and whether config.yml still lists it.")
    int ls(@Mixin AdminOptions options) {
        try (AdminSession session = options.connect()) {
            List<ServerToAdmin.UserInfo> users = session.all(AdminToServer.ListUsers::new, ServerToAdmin.Users.class,
                    r -> new AdminSession.Page<>(r.users(), r.more()), ServerToAdmin.UserInfo::ucloudUsername);
            output(options).table(users, HEADER, UsersCommand::row);
        }
        return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
            description = "Show one user's mapping, running instance and drives.")
    int show(@Mixin AdminOptions options,
             @Parameters(paramLabel = "UCLOUD_USER", description = "the UCloud username, e.g. alice#1234") String user) {
        try (AdminSession session = options.connect()) {
            ServerToAdmin.User shown = session.ask(new AdminToServer.ShowUser(user), ServerToAdmin.User.class);
            Output output = output(options);
            if (output.json()) {
                output.json(shown);
                return 0;
            }
            output.table(List.of(shown.user()), HEADER, UsersCommand::row);
            out().println();
            if (shown.instances().isEmpty()) {
                out().println("No instance runs.");
            } else {
                output.table(shown.instances(), InstancesCommand.HEADER, InstancesCommand::row);
            }
            out().println();
            output.table(shown.drives(), DrivesCommand.HEADER, DrivesCommand::row);
        }
        return 0;
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
            description = "Remove a user's recorded mapping (for example after their local account changed uid) and"
                    + " stop their instance. A mapping config.yml still lists is recorded again at the user's next request.")
    int rm(@Mixin AdminOptions options,
           @Parameters(paramLabel = "UCLOUD_USER", description = "the UCloud username, e.g. alice#1234") String user) {
        try (AdminSession session = options.connect()) {
            output(options).done(session.ask(new AdminToServer.RemoveUser(user), ServerToAdmin.Done.class).what());
        }
        return 0;
    }

    static List<String> row(ServerToAdmin.UserInfo u) {
        return List.of(u.ucloudUsername(), u.localUsername(), Integer.toString(u.uid()), Output.time(u.firstSeenEpochMillis()),
                Output.time(u.lastRequestEpochMillis()), u.configured() ? "yes" : "no");
    }
}
