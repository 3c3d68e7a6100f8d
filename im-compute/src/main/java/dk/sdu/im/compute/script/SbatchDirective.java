package dk.sdu.im.compute.script;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code #SBATCH --name[=value]} line the caller decided on (resources, time, job name, output files).
 * The name is checked here; the value is written in Slurm's quoting, so it may hold spaces and quotes but
 * no line break or NUL.
 *
 * @param name  a long option without the dashes, such as {@code cpus-per-task}
 * @param value the option's value, or empty for a flag such as {@code exclusive}
 */
public record SbatchDirective(String name, Optional<String> value) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    public SbatchDirective {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not an sbatch option name: " + name);
        }
    }

    /** {@code --name=value}. */
    public static SbatchDirective of(String name, String value) {
        return new SbatchDirective(name, Optional.of(value));
    }

    /** {@code --name}. */
    public static SbatchDirective flag(String name) {
        return new SbatchDirective(name, Optional.empty());
    }

    static boolean isName(String name) {
        return NAME.matcher(name).matches();
    }
}
