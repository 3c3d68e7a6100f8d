package dk.sdu.im.user.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes one entry and, for a folder, everything in it, never through a symlink.
 *
 * <p>Each folder is opened as a {@link SecureDirectoryStream} (openat and unlinkat on Linux, relative to the
 * open folder, without following links), so a folder swapped for a symlink while the delete runs is an error, not
 * a way to delete outside the drive. A symlink is removed as the link itself. Where the platform has no secure
 * streams, the same walk is done by path with lstat, which has a short window for such a swap.
 *
 * <p>Deletion stops at the first failure (the entry that could not be removed is named in the error); what was
 * deleted before stays deleted. With {@code force} (used for this module's own half-made copies only) a folder
 * without owner write or search permission is given it first, so that a copy of a read-only tree can be removed.
 *
 * <p>Progress: one {@code checkpoint} and one count per entry, against {@link TreeStats} counted beforehand.
 */
final class TreeDelete {
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
    void count(Path entry) {
        try {
            total += TreeStats.of(entry, progress).entries();
        } catch (IOException e) {
            // only the percentages suffer; the delete meets and reports the error itself
        }
    }

    /** Deletes the entry {@code slot} (the link itself if it is one); errors name paths under its UCloud path. */
    void delete(Slot slot) {
        DirectoryStream<Path> folder;
        try {
            folder = Files.newDirectoryStream(slot.folder());
        } catch (AccessDeniedException unreadable) {
            // a folder the user may write to but not list (mode -wx): entries can still be deleted by name
            deleteByPath(slot.local(), slot.path());
            return;
        } catch (IOException e) {
            throw FileErrors.ofChange(e, slot.path());
        }
        try (folder) {
            if (folder instanceof SecureDirectoryStream<Path> secure) {
                deleteIn(secure, slot.name(), slot.path());
            } else {
                deleteByPath(slot.local(), slot.path());
            }
        } catch (IOException e) {
            throw FileErrors.ofChange(e, slot.path());
        }
    }

    /** Deletes a half-made copy and ignores failures (it is hidden; the caller is already failing). */
    static void discard(Path entry) {
        if (entry == null) {
            return;
        }
        try {
            if (Kind.of(entry).exists()) {
                // The UCloud path only labels errors, which are logged here and never shown.
                String name = entry.getFileName().toString();
                var slot = new Slot(new UCloudPath("0", List.of(name)), entry.getParent(), name);
                new TreeDelete(BackgroundWork.Progress.NONE, true, "Removing").delete(slot);
            }
        } catch (IOException | RuntimeException e) {
            java.util.logging.Logger.getLogger(TreeDelete.class.getName())
                    .warning(() -> "could not remove the unfinished copy " + entry + ": " + e);
        }
    }

    private void deleteIn(SecureDirectoryStream<Path> folder, String name, UCloudPath path) {
        progress.checkpoint();
        Path entry = Path.of(name);
        try {
            BasicFileAttributes a = folder.getFileAttributeView(entry, BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).readAttributes();
            if (a.isDirectory() && !a.isSymbolicLink()) {
                try (SecureDirectoryStream<Path> inner = folder.newDirectoryStream(entry, LinkOption.NOFOLLOW_LINKS)) {
                    if (force) {
                        allowOwner(inner.getFileAttributeView(PosixFileAttributeView.class));
                    }
                    for (String child : names(inner)) {
                        deleteIn(inner, child, path.resolve(child));
                    }
                }
                folder.deleteDirectory(entry);
            } else {
                folder.deleteFile(entry);
            }
            counted(path);
        } catch (NoSuchFileException gone) {
            counted(path);
        } catch (IOException e) {
            throw FileErrors.ofChange(e, path);
        }
    }

    private void deleteByPath(Path entry, UCloudPath path) {
        progress.checkpoint();
        try {
            Kind kind = Kind.of(entry);
            if (kind == Kind.DIRECTORY) {
                if (force) {
                    allowOwner(Files.getFileAttributeView(entry, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS));
                }
                List<String> children;
                try (DirectoryStream<Path> inner = Files.newDirectoryStream(entry)) {
                    children = names(inner);
                }
                for (String child : children) {
                    deleteByPath(entry.resolve(child), path.resolve(child));
                }
            }
            Files.deleteIfExists(entry);
            counted(path);
        } catch (IOException e) {
            throw FileErrors.ofChange(e, path);
        }
    }

    private static List<String> names(DirectoryStream<Path> folder) throws IOException {
        List<String> names = new ArrayList<>();
        try {
            for (Path p : folder) {
                names.add(p.getFileName().toString());
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return names;
    }

    private static void allowOwner(PosixFileAttributeView view) throws IOException {
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        permissions.addAll(view.readAttributes().permissions());
        if (permissions.addAll(List.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE))) {
            view.setPermissions(permissions);
        }
    }

    private void counted(UCloudPath path) {
        done++;
        progress.update(verb + " " + path + " (" + done + " of " + Math.max(total, done) + ")",
                total == 0 ? 0 : 100.0 * done / total);
    }
}
