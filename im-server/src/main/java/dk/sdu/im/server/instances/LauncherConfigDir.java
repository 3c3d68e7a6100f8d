package dk.sdu.im.server.instances;

import dk.sdu.im.config.ConfigDirectory;
import dk.sdu.im.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether user instances read the configuration IM/Server reads. The launcher takes no arguments: it finds the
 * configuration directory from its own distribution ({@link ConfigDirectory}), so an IM/Server started with another
 * {@code --config-dir}, or from another distribution, would serve with one configuration while its instances run with
 * another. Reads one line of the launcher's distribution; changes nothing.
 */
public final class LauncherConfigDir {
    private LauncherConfigDir() {
    }

    /**
     * One line for the administrator saying how the two differ and how to fix it, or empty when the launcher reads
     * {@code configDir}. A launcher that does not exist is left to the install check, which names it.
     */
    public static Optional<String> mismatch(Path configDir, Path launcher) {
        if (!Files.exists(launcher) || launcher.getParent() == null || launcher.getParent().getParent() == null) {
            return Optional.empty();
        }
        Path home;
        ConfigDirectory theirs;
        try {
            // As the launcher finds its distribution: cd "$(dirname "$0")/.." && pwd -P
            home = launcher.getParent().getParent().toRealPath();
            theirs = ConfigDirectory.of(home);
        } catch (IOException | ConfigException e) {
            return Optional.of("cannot tell which configuration directory the launcher " + launcher + " reads: " + e.getMessage());
        }
        if (canonical(theirs.directory()).equals(canonical(configDir))) {
            return Optional.empty();
        }
        return Optional.of("IM/Server reads its configuration from " + configDir + " but the launcher " + launcher
                + " reads " + theirs.directory() + " (" + theirs.source() + "), so user instances would run with another"
                + " configuration; write " + configDir.toAbsolutePath() + " into " + home.resolve("etc/config-dir")
                + " or start IM/Server without --config-dir");
    }

    private static Path canonical(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }
}
