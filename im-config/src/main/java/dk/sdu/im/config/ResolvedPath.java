package dk.sdu.im.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Parses a file system path; a relative path is resolved against {@code base} (the configuration
 * directory, or the state directory for the SQLite file), so every configured path is absolute and
 * normalised. The path is not required to exist: the process that uses it checks it.
 *
 * @param base an absolute directory
 */
record ResolvedPath(Path base) implements ValueParser<Path> {
    @Override
    public Path parse(String text) throws InvalidValue {
        try {
            return base.resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidValue("must be a file system path", "Remove the characters a path cannot contain.");
        }
    }
}
