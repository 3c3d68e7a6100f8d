package dk.sdu.im.cli;

import dk.sdu.im.config.ConfigDirectory;
import dk.sdu.im.config.ConfigException;
import dk.sdu.im.config.ImConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of every command that asks IM/Server: where config.yml is (to find the IPC socket) and the output form. */
final class AdminOptions {
    @Option(names = "--config-dir", paramLabel = "DIR",
            description = "configuration directory (default: the one the distribution's etc/config-dir names, else"
                    + " /etc/ucloud-im); its config.yml names the IPC socket")
    Path configDir;

    @Option(names = "--json", description = "print JSON (one document) instead of a table, for scripts")
    boolean json;

    /** Opens an admin conversation with the IM/Server this configuration names. */
    AdminSession connect() {
        ImConfig config;
        try {
            config = ImConfig.load(ConfigDirectory.orOfThisDistribution(configDir));
        } catch (ConfigException e) {
            throw new CliFailure(CliFailure.CONFIG, e.getMessage());
        }
        return AdminSession.open(config.instances().ipcSocket());
    }
}
