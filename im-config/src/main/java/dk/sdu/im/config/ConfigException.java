package dk.sdu.im.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A problem in a configuration file: where it is and what to do about it.
 *
 * <p>{@link #getMessage()} is {@code <file>:<line>:<column>: <problem>}, the format editors and
 * compilers use, so an administrator can jump to the spot. The problem says what is wrong and then how to
 * fix it. Line and column are 1-based; a problem with the file as a whole (missing, wrong permissions)
 * has line and column 0 and the message is then just {@code <file>: <problem>}.
 *
 * <p>The constructor is public so that a process can report its own checks of configured values (for
 * example an unreadable {@code publicKeyFile}) in the same format. Messages never contain secret values.
 */
public final class ConfigException extends Exception {
    private final Path file;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * @param file the configuration file the problem is in
     * @param line 1-based line, or 0 for the file as a whole
     * @param column 1-based column, or 0 for the file as a whole
     * @param problem what is wrong, then how to fix it; must not contain secrets
     */
    public ConfigException(Path file, int line, int column, String problem) {
        super(format(file, line, column, problem));
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.column = column;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    private static String format(Path file, int line, int column, String problem) {
        return line == 0 ? file + ": " + problem : file + ":" + line + ":" + column + ": " + problem;
    }

    /** The file the problem is in. */
    public Path file() {
        return file;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }

    /** The 1-based column of the problem, or 0 when it concerns the whole file. */
    public int column() {
        return column;
    }

    /** What is wrong and how to fix it, without the location. */
    public String problem() {
        return problem;
    }
}
