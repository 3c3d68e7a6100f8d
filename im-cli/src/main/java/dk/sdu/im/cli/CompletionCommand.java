package dk.sdu.im.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code ucloud-im completion}: prints the bash completion script of the whole command tree (picocli's AutoComplete). */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Print the bash completion script. The package installs it; by hand:"
                + " ucloud-im completion > /etc/bash_completion.d/ucloud-im, or source <(ucloud-im completion).")
final class CompletionCommand extends Shell implements Callable<Integer> {
    @Override
    public Integer call() {
        out().print(script(spec.root().commandLine()));
        return 0;
    }

    static String script(picocli.CommandLine root) {
        return AutoComplete.bash("ucloud-im", root);
    }
}
