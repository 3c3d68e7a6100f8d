package dk.sdu.im.user.files;

import dk.sdu.im.api.ApiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;

/**
 * The one place where a UCloud path becomes a local place, confined to one drive (DESIGN 4.8): the walk.
 *
 * <p>Trust: the UCloud path is untrusted input. {@link UCloudPath} refuses bad syntax (400: {@code ..},
 * {@code .}, empty components, control characters, names that are not {@link FileName} texts, more than 4096
 * bytes) and another drive's id (403). The walk then opens the drive root and each folder on the path in turn by
 * descriptor, without following links ({@link DriveFolder}): a symbolic link anywhere on the way is refused (403),
 * wherever it points, inside the drive or not; a missing name is 404. What the call then does, it does relative to
 * the folder it opened, so swapping a folder on the path for a link during the call changes nothing: the call
 * acts on the folder it reached, or fails.
 *
 * <p>Links are never followed, not even those that stay inside the drive: following one means resolving its
 * target, a path, again, which is the race this walk exists to avoid. A link is still an entry: listed (as a
 * FILE of size 0), retrieved, moved, copied, trashed and deleted as the link itself.
 *
 * <p>What the caller owns: every {@link DriveFolder} and {@link Slot} returned here holds an open descriptor that
 * the caller must close. Thread-safe; it holds nothing but the drive.
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
     * What an upload or a download needs to know about the existing entry at {@code ucloudPath}, read by
     * descriptor. {@code local} is where it is, from the drive's root, with its names' exact bytes: for opening it
     * again without following links ({@code ConfinedFile}, {@code ConfinedDirectory}), never directly. {@code
     * readable} and {@code writable} are the user's access to the entry itself.
     */
    public record Found(String ucloudPath, Path local, BasicFileAttributes attributes, boolean readable,
                        boolean writable) {
    }

    /**
     * The existing entry at {@code ucloudPath}, which must not be a symbolic link (a link is refused with 403 like a
     * link on the way). Throws ApiException 400, 403 or 404 as described on the class; the {@code why} names the
     * UCloud path.
     */
    public Found find(String ucloudPath) {
        UCloudPath path = parse(ucloudPath);
        if (path.isRoot()) {
            try (DriveFolder root = folder(path)) {
                Path self = root.self();
                return new Found(path.toString(), drive.root(), Files.readAttributes(self, BasicFileAttributes.class),
                        Files.isReadable(self), Files.isWritable(self));
            } catch (IOException e) {
                throw FileErrors.of(e, path);
            }
        }
        try (DriveFolder parent = parentOf(path)) {
            Path local = path.under(drive.root());
            return parent.withEntry(path.name(), (inode, attributes) -> {
                if (attributes.isSymbolicLink()) {
                    throw linked(path);
                }
                return new Found(path.toString(), local, attributes, Files.isReadable(inode), Files.isWritable(inode));
            });
        } catch (IOException e) {
            throw FileErrors.of(e, path);
        }
    }

    /**
     * The UCloud path of {@code local}, a path inside the drive root ({@code /<driveId>} for the root itself), with
     * each name as its {@link FileName} text. For paths this process produced; anything outside the root is a
     * programming error.
     */
    public String toUCloudPath(Path local) {
        Path normal = local.normalize();
        if (!normal.isAbsolute() || !normal.startsWith(drive.root())) {
            throw new IllegalArgumentException("not inside drive " + drive.driveId() + ": " + local);
        }
        StringBuilder path = new StringBuilder("/").append(drive.driveId());
        for (Path name : drive.root().relativize(normal)) {
            if (!name.toString().isEmpty()) {
                path.append('/').append(FileName.textOf(name));
            }
        }
        return path.toString();
    }

    UCloudPath parse(String ucloudPath) {
        return UCloudPath.parse(ucloudPath, drive.driveId());
    }

    /** The drive's root folder, open. */
    DriveFolder root() {
        return folder(new UCloudPath(drive.driveId(), List.of()));
    }

    /**
     * The folder {@code folder}, open. 403 for a link on the way (the error names the link), 404 for a missing name
     * or a file on the way, 400 when {@code folder} itself is a file.
     */
    DriveFolder folder(UCloudPath folder) {
        return walk(folder, folder, true);
    }

    /**
     * The folder that holds {@code entry}, open, for reading the entry. As {@link #folder}, except that a file on
     * the way, the folder's own name included, is 404 for {@code entry}, as is a missing name.
     */
    DriveFolder parentOf(UCloudPath entry) {
        return walk(entry.parent(), entry, false);
    }

    /**
     * Where the entry {@code path} is or would be, without following its last name: the folder it is in, open, and
     * its own name. This is how a call that changes files names its source and its destination: a symlink there is
     * the link itself, never what it points to, and a destination need not exist yet. 400 for the drive itself (it
     * has no folder) or a folder that is a file; 403 or 404 on the way as for {@link #folder}.
     */
    Slot slot(UCloudPath path) {
        if (path.isRoot()) {
            throw ApiException.badRequest("Name a file or folder inside the drive, not the drive itself: " + path);
        }
        return new Slot(path, walk(path.parent(), path.parent(), true), path.name());
    }

    /** The existing entry {@code path} itself (a symlink is not followed), as {@link #slot}; 404 when it is missing. */
    Slot existingEntry(UCloudPath path) {
        Slot slot = slot(path);
        try {
            slot.folder().attributes(slot.name());
        } catch (IOException e) {
            slot.folder().close();
            throw FileErrors.of(e, path);
        }
        return slot;
    }

    /** 403 for a symbolic link met on a path given by UCloud. */
    static ApiException linked(UCloudPath link) {
        return ApiException.forbidden("Permission denied: " + link + " is a symbolic link, and file calls do not "
                + "follow links");
    }

    /**
     * Opens the root and every name of {@code folder}, each relative to the one before, without following links.
     * {@code blame} is the path named by 404s and other errors; {@code fileIsBadRequest}: {@code folder} itself
     * being a file is 400 "Not a directory" rather than 404.
     */
    private DriveFolder walk(UCloudPath folder, UCloudPath blame, boolean fileIsBadRequest) {
        DriveFolder current;
        try {
            current = DriveFolder.root(drive);
        } catch (IOException e) {
            throw FileErrors.of(e, blame);
        }
        int depth = folder.names().size();
        for (int i = 0; i < depth; i++) {
            try (DriveFolder parent = current) {
                current = parent.folder(folder.names().get(i));
            } catch (DriveFolder.InTheWay e) {
                UCloudPath at = prefix(folder, i + 1);
                if (e.link()) {
                    throw linked(at);
                }
                throw fileIsBadRequest && i == depth - 1 ? ApiException.badRequest("Not a directory: " + at)
                        : FileErrors.notFound(blame);
            } catch (NoSuchFileException e) {
                throw FileErrors.notFound(blame);
            } catch (IOException e) {
                throw FileErrors.of(e, blame);
            }
        }
        return current;
    }

    private static UCloudPath prefix(UCloudPath path, int names) {
        return new UCloudPath(path.driveId(), path.names().subList(0, names));
    }
}
