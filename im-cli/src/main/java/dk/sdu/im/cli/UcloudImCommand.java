package dk.sdu.im.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The command tree of {@code ucloud-im}. The admin commands run here; the other roles ({@code server}, {@code aot},
 * {@code dev}, {@code testkit}, {@code haproxy-config}, {@code config check}) are their own main classes, which
 * {@code bin/ucloud-im} starts directly. They are listed here too, so that {@code --help} and bash completion know
 * every command.
 */
@Command(name = "ucloud-im", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "The UCloud integration module. Admin commands ask IM/Server over its IPC socket, as root or a"
                + " member of server.adminGroup; IM/Server itself refuses anyone else.",
        subcommands = {UsersCommand.class, InstancesCommand.class, RoutesCommand.class, DrivesCommand.class,
                JobsCommand.class, SudoersCommand.class, UcloudImCommand.ConfigCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 done, 1 the user or instance named does not exist, 64 usage, 69 IM/Server"
                + " unreachable, 70 internal error, 77 refused by IM/Server, 78 configuration."})
final class UcloudImCommand implements Callable<Integer> {
    /** The roles bin/ucloud-im starts as their own main classes, with what each does. */
    private static final String[][] ROLES = {
            {"server", "Run IM/Server, the service user's process (system calls, user mapping, database)."},
            {"aot", "Build IM/User's AOT cache in lib/ (as root, after installing; instances start faster)."},
            {"haproxy-config", "Print HAProxy's configuration for gateway.type: haproxy."},
            {"dev", "Development mode: the module plus a stand-in for UCloud on loopback."},
            {"testkit", "Run only the stand-in for UCloud Core (for tests and demos)."},
    };

    @CommandLine.Spec
    CommandSpec spec;

    /** {@code ucloud-im} alone: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CliFailure.USAGE;
    }

    /** The tree with the other roles added (for help and completion). */
    static CommandLine create() {
        CommandLine root = new CommandLine(new UcloudImCommand());
        for (String[] role : ROLES) {
            CommandSpec stub = CommandSpec.wrapWithoutInspection(new Elsewhere(role[0]));
            stub.name(role[0]).mixinStandardHelpOptions(true);
            stub.usageMessage().description(role[1]);
            stub.addUnmatchedArgsBinding(CommandLine.Model.UnmatchedArgsBinding.forStringArrayConsumer(
                    new CommandLine.Model.ISetter() {
                        @Override
                        public <T> T set(T value) {
                            return null;
                        }
                    }));
            root.addSubcommand(role[0], new CommandLine(stub));
        }
        return root;
    }

    /** A role that is its own main class: run through bin/ucloud-im, which dispatches on the command's name. */
    private record Elsewhere(String name) implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new CliFailure(CliFailure.USAGE, "'" + name + "' is its own program: run it as bin/ucloud-im " + name);
        }
    }

    /** {@code ucloud-im config check}: {@code dk.sdu.im.server.check.ConfigCheckMain}, started by bin/ucloud-im. */
    @Command(name = "config", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
            description = "Check a configuration directory and the installation without starting anything.",
            subcommands = ConfigCommand.Check.class)
    static final class ConfigCommand {
        @Command(name = "check", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
                description = "Validate config.yml, secrets and the installation, printing every problem with file,"
                        + " line and column (started by bin/ucloud-im as its own program).")
        static final class Check implements Callable<Integer> {
            @Option(names = "--config-dir", paramLabel = "DIR", defaultValue = "/etc/ucloud-im",
                    description = "configuration directory (default: ${DEFAULT-VALUE})")
            Path configDir;

            @Override
            public Integer call() {
                throw new CliFailure(CliFailure.USAGE, "'config check' is its own program: run it as bin/ucloud-im config check");
            }
        }
    }
}
