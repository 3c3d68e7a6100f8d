package dk.sdu.im.cli;

import dk.sdu.im.config.ConfigException;
import dk.sdu.im.config.ImConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of every command that asks IM/Server: where config.yml is (to find the IPC socket) and the output form. */
final class AdminOptions {
    @Option(names = "--config-dir", paramLabel = "DIR", defaultValue = "/etc/ucloud-im",
            description = "configuration directory (default: ${DEFAULT-VALUE}); its config.yml names the IPC socket")
    Path configDir;

    @Option(names = "--json", description = "print JSON (one document) instead of a table, for scripts")
    boolean json;

    /** Opens an admin conversation with the IM/Server this configuration names. */
    AdminSession connect() {
        ImConfig config;
        try {
            config = ImConfig.load(configDir);
        } catch (ConfigException e) {
            throw new CliFailure(CliFailure.CONFIG, e.getMessage());
        }
        return AdminSession.open(config.instances().ipcSocket());
    }
}
