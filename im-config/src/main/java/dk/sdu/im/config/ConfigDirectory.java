package dk.sdu.im.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The configuration directory of one distribution, the one source of truth every command uses when it is given no
 * {@code --config-dir}: the path on the first line of the distribution's {@code etc/config-dir} (written at install;
 * a relative path is taken from {@code /}, where the launcher runs), or {@code /etc/ucloud-im} when that file does not
 * exist. The launcher ({@code bin/ucloud-im-user}) takes no arguments and reads the same file by the same rule, so
 * user instances always read what this names; {@code --config-dir} overrides it for one command only. Reads one line
 * of one root-owned file.
 *
 * @param directory the configuration directory
 * @param source where it was found, for messages: the file naming it, or that it is the default
 */
public record ConfigDirectory(Path directory, String source) {
    /** The directory when the distribution names none. */
    public static final Path DEFAULT = Path.of("/etc/ucloud-im");
    /** The system property {@code bin/ucloud-im} sets to its distribution's directory. */
    public static final String HOME_PROPERTY = "im.home";

    /** {@code given} when a command was given {@code --config-dir}, else the directory of the running distribution. */
    public static Path orOfThisDistribution(Path given) throws ConfigException {
        return given != null ? given : ofThisDistribution().directory();
    }

    /** Of the distribution this process was started from ({@link #HOME_PROPERTY}); the default outside one. */
    public static ConfigDirectory ofThisDistribution() throws ConfigException {
        String home = System.getProperty(HOME_PROPERTY);
        return home == null ? new ConfigDirectory(DEFAULT, "the default, outside a distribution") : of(Path.of(home));
    }

    /** Of the distribution in {@code home}, as its launcher reads it. */
    public static ConfigDirectory of(Path home) throws ConfigException {
        Path file = home.resolve("etc/config-dir");
        if (!Files.isRegularFile(file)) {
            return new ConfigDirectory(DEFAULT, "the default, as " + file + " does not exist");
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line = reader.readLine();
            if (line == null || line.isBlank()) {
                throw new ConfigException(file, 1, 1, "is empty; write the configuration directory's path on its first"
                        + " line, or delete the file for " + DEFAULT);
            }
            return new ConfigDirectory(Path.of("/").resolve(line.strip()), "named in " + file);
        } catch (IOException e) {
            throw new ConfigException(file, 0, 0, "cannot be read (it names the configuration directory): " + e.getMessage());
        } catch (InvalidPathException e) {
            throw new ConfigException(file, 1, 1, "does not name a path: " + e.getMessage());
        }
    }
}
