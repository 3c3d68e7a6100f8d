package dk.sdu.im.cli;

import dk.sdu.im.ipc.AdminToServer;
import dk.sdu.im.ipc.ServerToAdmin;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ucloud-im routes ls}: the gateway's routes from UCloud users to their instances' loopback ports. */
@Command(name = "routes", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "The gateway's routes: each UCloud user with a verified instance, and its loopback port.")
final class RoutesCommand extends Shell {
    static final List<String> HEADER = List.of("UCLOUD USER", "PORT", "OPEN", "QUIET");

    @Command(name = "ls", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
            description = "List the routes: user, port, requests and WebSockets open through the embedded gateway now,"
                    + " and time since its last exchange ended.")
    int ls(@Mixin AdminOptions options) {
        try (AdminSession session = options.connect()) {
            List<ServerToAdmin.RouteInfo> routes = session.all(AdminToServer.ListRoutes::new, ServerToAdmin.Routes.class,
                    r -> new AdminSession.Page<>(r.routes(), r.more()), ServerToAdmin.RouteInfo::ucloudUsername);
            output(options).table(routes, HEADER, r -> List.of(r.ucloudUsername(), Integer.toString(r.port()),
                    Integer.toString(r.openConnections()), Output.duration(r.quietMillis())));
        }
        return 0;
    }
}
