package dk.sdu.im.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * As root, development mode runs the built distribution from a root-owned copy that nobody else can change and the
 * service account can read, wherever the checkout lives: a checkout in a directory the service account cannot enter
 * ({@code /root}, a {@code mktemp -d} folder) would not even start IM/Server, and one whose parents are not
 * root-owned fails IM/Server's install check, so every user would get 503. The copy goes into this run's own new
 * temporary directory, so two checkouts, two runs and a real installation never share it, and is removed on exit.
 * The build's {@code etc/config-dir} is not copied: the copy gets this run's own.
 */
final class DevCopy {
    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final int OTHER_SEARCH = 0001;
    private static final int STICKY = 01000;

    private DevCopy() {
    }

    /**
     * Why a root-owned copy in {@code dir} would not do, in one line, or empty: every directory from {@code /} to
     * {@code dir} must be root-owned, searchable by others (the service account) and writable by nobody else unless
     * sticky (as {@code /tmp}: there only root can rename or remove the root-owned entry that comes next).
     */
    static Optional<String> problem(Path dir) throws IOException {
        List<Path> chain = new ArrayList<>();
        for (Path at = dir.toRealPath(); at != null; at = at.getParent()) {
            chain.addFirst(at);
        }
        for (Path at : chain) {
            Map<String, Object> attributes = Files.readAttributes(at, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
            int uid = (Integer) attributes.get("uid");
            int mode = (Integer) attributes.get("mode");
            if (uid != 0) {
                return Optional.of(at + " is owned by uid " + uid + ", not root");
            }
            if ((mode & OTHER_SEARCH) == 0) {
                return Optional.of(at + " cannot be entered by others (mode " + Integer.toOctalString(mode & 07777)
                        + "), so the service account could not read the copy");
            }
            if ((mode & GROUP_OR_OTHER_WRITE) != 0 && (mode & STICKY) == 0) {
                return Optional.of(at + " is writable by group or others and not sticky");
            }
        }
        return Optional.empty();
    }

    /**
     * Copies the distribution in {@code home} to {@code target} (new): owned by this process (root), readable by all,
     * writable by root alone, executable where the build's files are.
     */
    static void copy(Path home, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path source : paths.toList()) {
                Path relative = home.relativize(source);
                if (relative.equals(Path.of("etc/config-dir"))) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(source, copy); // not COPY_ATTRIBUTES, which would keep the checkout's owner
                    Set<PosixFilePermission> modes = EnumSet.copyOf(Files.getPosixFilePermissions(source));
                    modes.removeAll(Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
                    modes.add(PosixFilePermission.OTHERS_READ);
                    modes.add(PosixFilePermission.GROUP_READ);
                    Files.setPosixFilePermissions(copy, modes);
                }
            }
        }
    }
}
