package dk.sdu.im.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command has: its own spec, through which it prints (so tests capture the output). */
abstract class Shell {
    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    Output output(AdminOptions options) {
        return new Output(out(), options.json);
    }
}
