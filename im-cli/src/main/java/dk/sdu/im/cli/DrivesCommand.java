package dk.sdu.im.cli;

import dk.sdu.im.ipc.AdminToServer;
import dk.sdu.im.ipc.ServerToAdmin;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ucloud-im drives ls}: the configured drives of every mapped user. */
@Command(name = "drives", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "The drives of mapped users, from the drives section of config.yml.")
final class DrivesCommand extends Shell {
    static final List<String> HEADER = List.of("UCLOUD USER", "DRIVE", "TITLE", "PRODUCT", "ROOT", "UCLOUD ID");

    @Command(name = "ls", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
            description = "List each mapped user's drives: locator, title, product, local root (- when the account does"
                    + " not exist now) and UCloud's drive id (- unless IM/Server registered it since it started).")
    int ls(@Mixin AdminOptions options) {
        try (AdminSession session = options.connect()) {
            List<ServerToAdmin.DriveInfo> drives = session.all(AdminToServer.ListDrives::new, ServerToAdmin.Drives.class,
                    r -> new AdminSession.Page<>(r.drives(), r.more()), ServerToAdmin.DriveInfo::ucloudUsername);
            output(options).table(drives, HEADER, DrivesCommand::row);
        }
        return 0;
    }

    static List<String> row(ServerToAdmin.DriveInfo d) {
        return List.of(d.ucloudUsername(), d.locator(), d.title(), d.product(), Output.orDash(d.root()), Output.orDash(d.ucloudId()));
    }
}
