package dk.sdu.im.server;

import dk.sdu.im.config.ConfigDirectory;
import dk.sdu.im.config.ConfigException;
import dk.sdu.im.config.ImConfig;
import dk.sdu.im.server.instances.SudoRule;
import java.nio.file.Path;

/**
 * {@code ucloud-im sudoers}: prints the sudo rule for the configured service user, user group and launcher,
 * for the administrator to review and install. Its alias names are the installation's own ({@link SudoRule}), so
 * the rules of two installations on one host can stand side by side. Reads only config.yml; changes nothing.
 */
public final class SudoersMain {
    private SudoersMain() {
    }

    public static void main(String[] args) {
        Path given = null; // the distribution's own configuration directory (ConfigDirectory)
        if (args.length == 2 && args[0].equals("--config-dir")) {
            given = Path.of(args[1]);
        } else if (args.length > 0) {
            System.out.print("""
                    Usage: ucloud-im sudoers [--config-dir DIR]
                    Prints the sudoers rule that lets the service user start IM/User instances, for a file of its own in /etc/sudoers.d.
                    """);
            System.exit(args[0].equals("--help") ? 0 : 64);
        }
        try {
            var instances = ImConfig.load(ConfigDirectory.orOfThisDistribution(given)).instances();
            System.out.print(new SudoRule(instances.serviceUser(), instances.userGroup(), instances.launcher()).text());
        } catch (ConfigException e) {
            System.err.println("ucloud-im sudoers: " + e.getMessage());
            System.exit(78);
        }
    }
}
