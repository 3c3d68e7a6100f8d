package dk.sdu.im.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that a file holding secrets is private to its owner: a regular file (not a symbolic link, which
 * could point anywhere) with no permission bits at all for group or others, owned by the account the caller
 * names. A loosely protected file is refused, never fixed: the administrator must see that it was exposed.
 *
 * <p>The check reads the link itself ({@link LinkOption#NOFOLLOW_LINKS}) and the caller opens the file
 * with the same option, so a link swapped in after the check is not followed either.
 */
final class PrivateFile {
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final Set<PosixFilePermission> READ_BY_GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

    private PrivateFile() {
    }

    /**
     * The check of a private file ({@code secrets.yml}, the gateway's key), which must also be owned by
     * {@code ownerUid}; {@code create} says how to make a missing file (a sentence without its end, followed by "owned by the service user with mode 0600").
     */
    static void check(Path file, int ownerUid, String create) throws ConfigException {
        List<ConfigException> problems = problems(file, ownerUid, create);
        if (!problems.isEmpty()) {
            throw problems.getFirst();
        }
    }

    /**
     * Every problem of the file at once (owner and mode both, when both are wrong), for {@code config check}; empty
     * when it is private to {@code ownerUid}.
     */
    static List<ConfigException> problems(Path file, int ownerUid, String create) {
        PosixFileAttributes attributes;
        try {
            attributes = attributes(file, create);
        } catch (ConfigException e) {
            return List.of(e);
        }
        if (attributes.isSymbolicLink()) {
            return List.of(problem(file, file.getFileName() + " is a symbolic link. Replace the link with the file itself,"
                    + " owned by the service user with mode 0600."));
        }
        if (!attributes.isRegularFile()) {
            return List.of(problem(file, file.getFileName() + " is not a regular file. Make it a regular file owned by the"
                    + " service user with mode 0600."));
        }
        List<ConfigException> problems = new ArrayList<>();
        ownerProblem(file, ownerUid).ifPresent(problems::add);
        Set<PosixFilePermission> loose = EnumSet.noneOf(PosixFilePermission.class);
        loose.addAll(attributes.permissions());
        loose.retainAll(GROUP_OR_OTHERS);
        if (!loose.isEmpty()) {
            String access = loose.stream().anyMatch(READ_BY_GROUP_OR_OTHERS::contains) ? "readable" : "accessible";
            problems.add(problem(file, file.getFileName() + " is " + access + " by group or others (mode "
                    + mode(attributes.permissions()) + "); run: chmod 600 " + file));
        }
        return List.copyOf(problems);
    }

    /** The permission bits as four octal digits, e.g. {@code 0640}. */
    static String mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return String.format("%04o", mode);
    }

    private static Optional<ConfigException> ownerProblem(Path file, int ownerUid) {
        int uid;
        try {
            uid = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of(problem(file, "cannot read the owner of " + file + " (" + e.getClass().getSimpleName()
                    + "). Keep it on a local POSIX file system."));
        }
        if (uid != ownerUid) {
            return Optional.of(problem(file, file.getFileName() + " is owned by uid " + uid + ", not by uid " + ownerUid
                    + ", the service user; run as root: chown " + ownerUid + " " + file));
        }
        return Optional.empty();
    }

    private static PosixFileAttributes attributes(Path file, String create) throws ConfigException {
        try {
            return Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw problem(file, file + " does not exist. " + create + ", owned by the service user with mode 0600.");
        } catch (UnsupportedOperationException e) {
            throw problem(file, "the file system of " + file + " has no POSIX permissions, so the IM cannot check"
                    + " who may read the secrets. Keep the configuration directory on a POSIX file system.");
        } catch (AccessDeniedException e) {
            throw problem(file, "cannot read the attributes of " + file + ": permission denied. Make its directory"
                    + " accessible to the service user.");
        } catch (IOException e) {
            throw problem(file, "cannot read the attributes of " + file + " (" + e.getClass().getSimpleName()
                    + "). Make its directory accessible to the service user.");
        }
    }

    private static ConfigException problem(Path file, String problem) {
        return new ConfigException(file, 0, 0, problem);
    }
}
