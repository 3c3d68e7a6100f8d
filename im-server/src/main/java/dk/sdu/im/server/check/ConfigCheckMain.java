package dk.sdu.im.server.check;

import dk.sdu.im.api.host.ProcessIdentity;
import dk.sdu.im.config.ConfigDirectory;
import dk.sdu.im.config.ConfigException;
import dk.sdu.im.server.identity.NssAccounts;
import dk.sdu.im.server.instances.SudoCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ucloud-im config check [--config-dir DIR]}: checks a configuration directory and the install it names without
 * starting anything, and prints every problem found, one line each, with file, line and column where there is one.
 * Runs as root (everything is checked, the sudo rule through {@code sudo -l -U}) or as the service user; anyone else
 * gets what they can read checked and a note about the rest. Reads only; changes nothing.
 *
 * <p>Exit codes: {@value #CLEAN} no problem found; {@value #PROBLEMS} problems found (each printed); {@value #USAGE}
 * usage error (unknown argument, missing subcommand); {@value #FAILED} the check itself failed.
 */
@Command(name = "ucloud-im config", description = "Configuration commands.", subcommands = ConfigCheckMain.Check.class,
        usageHelpAutoWidth = true, exitCodeOnInvalidInput = ConfigCheckMain.USAGE,
        exitCodeOnExecutionException = ConfigCheckMain.FAILED)
public final class ConfigCheckMain implements Callable<Integer> {
    static final int CLEAN = 0;
    static final int PROBLEMS = 1;
    static final int USAGE = 64;
    static final int FAILED = 70;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private ConfigCheckMain() {
    }

    public static void main(String[] args) {
        System.exit(run(new ConfigCheck(new NssAccounts(), ProcessIdentity.effectiveUid(), SudoCheck::asRootFor,
                SudoCheck.system(), Clock.systemUTC()), args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Parses {@code args} and runs the check they name; returns the exit code. */
    static int run(ConfigCheck check, String[] args, PrintWriter out, PrintWriter err) {
        var command = new CommandLine(new ConfigCheckMain());
        command.getSubcommands().get("check").<Check>getCommand().check = check;
        return command.setOut(out).setErr(err).execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("ucloud-im config: name a subcommand, e.g. ucloud-im config check");
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** The {@code check} subcommand. */
    @Command(name = "check", usageHelpAutoWidth = true, exitCodeOnInvalidInput = USAGE, exitCodeOnExecutionException = FAILED,
            description = {"Checks a configuration directory and the install it names without starting anything, and"
                    + " prints every problem found: config.yml, secrets.yml (owner, mode, content), UCloud's public key,"
                    + " the gateway's TLS files, the service account and user group, the launcher, the sudo rule,"
                    + " who may change what a launch reads, and the database settings.",
                    "Run it as root (checks everything) or as the service user."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:no problem found", "1:problems found, one line each", "64:usage error",
                    "70:the check itself failed"})
    static final class Check implements Callable<Integer> {
        ConfigCheck check;

        @Option(names = "--config-dir", paramLabel = "DIR",
                description = "The configuration directory (default: the one the distribution's etc/config-dir names,"
                        + " else /etc/ucloud-im).")
        Path given;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path configDir;
            try {
                configDir = ConfigDirectory.orOfThisDistribution(given);
            } catch (ConfigException e) {
                out.println(e.getMessage());
                return PROBLEMS;
            }
            Findings findings = check.run(configDir);
            findings.problems().forEach(out::println);
            findings.notes().forEach(note -> out.println("note: " + note));
            Path dir = configDir.toAbsolutePath().normalize();
            if (findings.problems().isEmpty()) {
                out.println("no problem found in " + dir + " and the install it names");
                return CLEAN;
            }
            int count = findings.problems().size();
            out.println(count + (count == 1 ? " problem" : " problems") + " found in " + dir + " and the install it names");
            return PROBLEMS;
        }
    }
}
