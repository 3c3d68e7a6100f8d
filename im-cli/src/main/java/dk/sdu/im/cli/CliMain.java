package dk.sdu.im.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of the admin CLI ({@code ucloud-im users|instances|routes|drives|jobs|sudoers|completion|help},
 * {@code --help}, {@code --version}). Parses with picocli; every failure is one line on stderr and an exit code from
 * {@link CliFailure}. Runs as the administrator; refuses nothing itself (IM/Server decides who is an administrator).
 */
public final class CliMain {
    private CliMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** The command's words, e.g. {@code ucloud-im users rm}. */
    private static String qualifiedName(CommandLine line) {
        return line.getCommandSpec().qualifiedName(" ");
    }

    /** Runs one command line, printing to {@code out} and {@code err}; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = UcloudImCommand.create();
        cli.setOut(out).setErr(err)
                .setParameterExceptionHandler((e, given) -> {
                    CommandLine line = e.getCommandLine();
                    line.getErr().println(qualifiedName(line) + ": " + e.getMessage());
                    line.getErr().println("Try '" + qualifiedName(line) + " --help'.");
                    return CliFailure.USAGE;
                })
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    if (e instanceof CliFailure failure) {
                        line.getErr().println(qualifiedName(line) + ": " + failure.getMessage());
                        return failure.exitCode();
                    }
                    line.getErr().println(qualifiedName(line) + ": internal error: " + e);
                    return CliFailure.SOFTWARE;
                });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }
}
