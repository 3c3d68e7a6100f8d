package dk.sdu.im.cli;

import dk.sdu.im.config.ConfigDirectory;
import dk.sdu.im.config.ConfigException;
import dk.sdu.im.config.ImConfig;
import dk.sdu.im.server.instances.SudoRule;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ucloud-im sudoers}: prints the sudo rule for the configured service user, user group and launcher, for the
 * administrator to review and install. Its alias names are the installation's own ({@link SudoRule}), so the rules of
 * two installations on one host can stand side by side. Reads only config.yml; changes nothing; needs no IM/Server.
 */
@Command(name = "sudoers", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Print the sudoers rule that lets the service user start IM/User instances, for a file of its"
                + " own in /etc/sudoers.d (check it with visudo -cf first).")
final class SudoersCommand extends Shell implements Callable<Integer> {
    @Option(names = "--config-dir", paramLabel = "DIR",
            description = "configuration directory (default: the one the distribution's etc/config-dir names, else /etc/ucloud-im)")
    Path configDir;

    @Override
    public Integer call() {
        try {
            var instances = ImConfig.load(ConfigDirectory.orOfThisDistribution(configDir)).instances();
            out().print(new SudoRule(instances.serviceUser(), instances.userGroup(), instances.launcher()).text());
            return 0;
        } catch (ConfigException e) {
            throw new CliFailure(CliFailure.CONFIG, e.getMessage());
        }
    }
}
