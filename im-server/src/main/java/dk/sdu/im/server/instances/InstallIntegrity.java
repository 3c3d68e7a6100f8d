package dk.sdu.im.server.instances;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that what an instance runs as the end user cannot be changed by anyone but root (DESIGN 4.2): the
 * launcher, the JVM, the jars and the configuration, and every directory above them, are owned by root and
 * writable by nobody else. If the service user could edit any of it, it could run code as every user, so
 * IM/Server refuses to launch instances until this holds.
 */
public final class InstallIntegrity {
    private InstallIntegrity() {
    }

    /** What a sudo launch loads: the launcher's distribution, the JVM and the configuration directory. */
    public static List<Path> launchInputs(Path launcher, Path javaHome, Path configDir) {
        Path home = launcher.toAbsolutePath().getParent().getParent();
        List<Path> paths = new ArrayList<>(List.of(launcher, home.resolve("bin"), home.resolve("lib"),
                javaHome.resolve("bin/java"), javaHome.resolve("lib/modules"), javaHome.resolve("lib/server/libjvm.so"),
                configDir, configDir.resolve("config.yml"), configDir.resolve("ucloud_key.pub")));
        paths.addAll(children(home.resolve("bin")));
        paths.addAll(children(home.resolve("lib")));
        paths.addAll(children(home.resolve("lib/user")));
        paths.addAll(children(home.resolve("etc")));
        return paths;
    }

    /** Every problem found, one line each; empty when the installation is safe to launch from. */
    public static List<String> problems(List<Path> paths) {
        Set<Path> checked = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (Path path : paths) {
            for (Path p = path.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
                if (checked.add(p)) {
                    problems.addAll(problemsOf(p));
                }
            }
        }
        return problems;
    }

    private static List<String> problemsOf(Path path) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return List.of(path + ": cannot be checked (" + e.getMessage() + ")");
        }
        List<String> problems = new ArrayList<>();
        int uid = uidOf(path);
        if (uid != 0) {
            problems.add(path + " is owned by uid " + uid + ", not root; run: chown root: " + path);
        }
        Set<PosixFilePermission> mode = attributes.permissions();
        boolean sticky = attributes.isDirectory() && isSticky(path);
        if (!sticky && (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE))) {
            problems.add(path + " is writable by group or others; run: chmod go-w " + path);
        }
        return problems;
    }

    private static int uidOf(Path path) {
        try {
            return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return -1;
        }
    }

    /** A sticky world-writable directory such as /tmp cannot have entries replaced by others. */
    private static boolean isSticky(Path path) {
        try {
            return ((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 01000) != 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> children(Path dir) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(children::add);
        } catch (IOException e) {
            children.add(dir);
        }
        return children;
    }
}
