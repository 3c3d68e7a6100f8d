package dk.sdu.im.user.files;

import dk.sdu.im.api.ApiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place where a UCloud path becomes a local path, confined to one drive (DESIGN 4.8).
 *
 * <p>Trust: the UCloud path is untrusted input. {@link UCloudPath} refuses bad syntax (400: {@code ..},
 * {@code .}, empty components, control characters, more than 4096 bytes) and another drive's id (403). The
 * existing file is then resolved with {@code toRealPath()}, which follows every symlink on the way, the last
 * component included, and the result must lie inside the drive root: a symlink that stays inside is allowed,
 * one that leads outside is refused (403), a dangling one or a loop is not found (404). For a path that does
 * not exist, the part of it that does exist decides: a missing file behind a symlink out of the drive is also 403.
 *
 * <p>Calls that change files use {@link #slot} and {@link #existingEntry} instead: the folder is resolved as
 * above, and the last name is taken as it is, so a symlink is moved, copied or deleted as the link itself.
 *
 * <p>Thread-safe; it holds nothing but the drive.
 */
public final class PathResolver {
    private final DriveRoot drive;

    public PathResolver(DriveRoot drive) {
        this.drive = Objects.requireNonNull(drive, "drive");
    }

    public DriveRoot drive() {
        return drive;
    }

    /**
     * The real local path of the existing file or folder at {@code ucloudPath}, inside the drive root.
     * Throws ApiException 400, 403 or 404 as described on the class; the {@code why} names the UCloud path.
     */
    public Path resolveExisting(String ucloudPath) {
        return resolveExisting(parse(ucloudPath));
    }

    /**
     * The UCloud path of {@code local}, a path inside the drive root ({@code /<driveId>} for the root itself).
     * For paths this process produced; anything outside the root is a programming error.
     */
    public String toUCloudPath(Path local) {
        Path normal = local.normalize();
        if (!normal.isAbsolute() || !normal.startsWith(drive.root())) {
            throw new IllegalArgumentException("not inside drive " + drive.driveId() + ": " + local);
        }
        StringBuilder path = new StringBuilder("/").append(drive.driveId());
        for (Path name : drive.root().relativize(normal)) {
            if (!name.toString().isEmpty()) {
                path.append('/').append(name);
            }
        }
        return path.toString();
    }

    UCloudPath parse(String ucloudPath) {
        return UCloudPath.parse(ucloudPath, drive.driveId());
    }

    Path resolveExisting(UCloudPath path) {
        Path lexical = path.under(drive.root());
        Path real;
        try {
            real = lexical.toRealPath();
        } catch (IOException e) {
            throw isInside(existingAncestor(lexical)) ? FileErrors.of(e, path) : outside(path);
        }
        if (!isInside(real)) {
            throw outside(path);
        }
        return real;
    }

    /**
     * Where the entry {@code path} is or would be, without following its last name: the folder it is in (an
     * existing folder inside the drive, resolved like {@link #resolveExisting}) and its own name. This is how a
     * call that changes files names its source and its destination: a symlink there is the link itself, never
     * what it points to, and a destination need not exist yet. 400 for the drive itself (it has no folder) or a
     * folder that is a file, 403 or 404 for the folder as for {@code resolveExisting}. The name was checked when
     * the path was parsed: not empty, not {@code .} or {@code ..}, no {@code /}, no control characters (NUL
     * included), at most 255 bytes.
     */
    Slot slot(UCloudPath path) {
        if (path.isRoot()) {
            throw ApiException.badRequest("Name a file or folder inside the drive, not the drive itself: " + path);
        }
        Path folder = resolveExisting(path.parent());
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw ApiException.badRequest("Not a directory: " + path.parent());
        }
        return new Slot(path, folder, path.name());
    }

    /** The existing entry {@code path} itself (a symlink is not followed), as {@link #slot}; 404 when it is missing. */
    Slot existingEntry(UCloudPath path) {
        Slot slot = slot(path);
        try {
            Files.readAttributes(slot.local(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw FileErrors.of(e, path);
        }
        return slot;
    }

    /**
     * The real path of the deepest ancestor of {@code lexical} that resolves. When a path cannot be resolved,
     * this decides between "not found" and "leads outside", so a missing file behind a symlink out of the drive
     * is refused like an existing one instead of answering whether something exists out there.
     */
    private Path existingAncestor(Path lexical) {
        for (Path p = lexical.getParent(); p != null && p.startsWith(drive.root()); p = p.getParent()) {
            try {
                return p.toRealPath();
            } catch (IOException e) {
                // not there either: try one level up
            }
        }
        return drive.root();
    }

    private static ApiException outside(UCloudPath path) {
        return ApiException.forbidden("Permission denied: " + path + " leads outside the drive");
    }

    /**
     * Where the symlink {@code link} (an entry of a folder inside the drive) finally points, if that is an
     * existing file inside the drive; empty when it leads outside, dangles, loops or cannot be followed.
     */
    Optional<Path> followInside(Path link) {
        try {
            Path real = link.toRealPath();
            return isInside(real) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private boolean isInside(Path real) {
        return real.startsWith(drive.root());
    }
}
