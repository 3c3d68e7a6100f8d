package dk.sdu.im.user.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Deletes one entry and, for a folder, everything in it, never through a symlink.
 *
 * <p>Each folder is opened by descriptor from the one it is in ({@link DriveFolder}: {@code openat} with
 * {@code O_NOFOLLOW}), and its entries are removed relative to it ({@code unlinkat}, {@code rmdir} of
 * {@code /proc/self/fd/N/name}), so a folder swapped for a symlink while the delete runs is an error, not a way to
 * delete outside the drive. A symlink is removed as the link itself. Only search permission is needed on a folder
 * to delete one of its entries by name; a folder to empty must also be readable.
 *
 * <p>Deletion stops at the first failure (the entry that could not be removed is named in the error); what was
 * deleted before stays deleted. With {@code force} (used for this module's own half-made copies only) a folder
 * without owner read, write or search permission is given them first, so that a copy of a read-only tree can be
 * removed.
 *
 * <p>Progress: one {@code checkpoint} and one count per entry, against {@link TreeStats} counted beforehand.
 */
final class TreeDelete {
    private static final Logger LOG = Logger.getLogger(TreeDelete.class.getName());

    private final BackgroundWork.Progress progress;
    private final boolean force;
    private final String verb;
    private long total;
    private long done;

    TreeDelete(BackgroundWork.Progress progress, boolean force, String verb) {
        this.progress = progress;
        this.force = force;
        this.verb = verb;
    }

    /** Counts what {@code entry} holds, for the percentages. */
    void count(Slot entry) {
        total += TreeStats.of(entry, progress).entries();
    }

    /** Deletes the entry {@code slot} (the link itself if it is one); errors name paths under its UCloud path. */
    void delete(Slot slot) {
        delete(slot.folder(), slot.name(), slot.path());
    }

    /** Deletes the half-made copy {@code name} in {@code folder} and ignores failures (it is hidden; the caller is already failing). */
    static void discard(DriveFolder folder, String name) {
        if (name == null) {
            return;
        }
        try {
            if (Kind.of(folder, name).exists()) {
                // The UCloud path only labels errors, which are logged here and never shown.
                new TreeDelete(BackgroundWork.Progress.NONE, true, "Removing").delete(folder, name, folder.path().resolve(name));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "could not remove the unfinished copy " + folder.lexical().resolve(name) + ": " + e);
        }
    }

    private void delete(DriveFolder folder, String name, UCloudPath path) {
        progress.checkpoint();
        try {
            if (Kind.of(folder, name) == Kind.DIRECTORY) {
                try (DriveFolder inner = folder.folder(name)) {
                    if (force) {
                        allowOwner(inner);
                    }
                    for (String child : inner.names()) {
                        delete(inner, child, path.resolve(child));
                    }
                }
            }
            Files.delete(folder.entry(name));
            counted(path);
        } catch (NoSuchFileException gone) {
            counted(path);
        } catch (IOException e) {
            throw FileErrors.ofChange(e, path);
        }
    }

    /** Gives the open folder owner read, write and search permission (chmod through its descriptor). */
    private static void allowOwner(DriveFolder folder) throws IOException {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        permissions.addAll(Files.getPosixFilePermissions(folder.self()));
        if (permissions.addAll(List.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE))) {
            Files.setPosixFilePermissions(folder.self(), permissions);
        }
    }

    private void counted(UCloudPath path) {
        done++;
        progress.update(verb + " " + path + " (" + done + " of " + Math.max(total, done) + ")",
                total == 0 ? 0 : 100.0 * done / total);
    }
}
