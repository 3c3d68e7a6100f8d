package dk.sdu.im.user.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;

/**
 * Moves entries. Within one file system a move is one rename(2) ({@code ATOMIC_MOVE}): the entry, a whole tree
 * or a symlink as the link itself, changes name at once. Across file systems (EXDEV, also between two mounts of
 * one) the entry is copied with {@link TreeCopy} (links kept as they are) and the original is deleted only once
 * the copy is complete and in place; if the copy fails, the original is untouched and the partial copy removed.
 *
 * <p>Merging ({@link #merge}) moves each entry of the source folder into the target folder, merging folders
 * present on both sides and renaming other entries whose name is taken, then removes the emptied source folder.
 * An error stops the merge; every entry is then either still in the source or already in the target.
 *
 * <p>Not thread-safe; one per operation, used by its working thread.
 */
final class Relocation {
    private final TreeCopy crossing;
    private final BackgroundWork.Progress progress;
    private long total;
    private long moved;

    Relocation(FileCopier copier, BackgroundWork.Progress progress) {
        this.crossing = new TreeCopy(copier, progress, null, "Moving");
        this.progress = progress;
    }

    /**
     * Moves {@code source} (of {@code kind}) to {@code target}. If the name is taken by then, {@code policy} decides
     * as in {@link TreeCopy#commit}: REJECT fails with 409, RENAME and MERGE_RENAME take the next free name, REPLACE
     * puts the source in the existing entry's place ({@link TreeCopy#replace}).
     */
    Slot move(Slot source, Kind kind, Slot target, ConflictPolicy policy) {
        try {
            try {
                return TreeCopy.commit(source, kind == Kind.DIRECTORY, target, policy);
            } catch (AtomicMoveNotSupportedException acrossFileSystems) {
                return copyThenDelete(source, target, policy);
            }
        } catch (IOException e) {
            boolean aboutTarget = e instanceof FileAlreadyExistsException || e instanceof DirectoryNotEmptyException;
            throw FileErrors.ofChange(e, aboutTarget ? target.path() : source.path());
        }
    }

    /**
     * The move across file systems: a complete copy first; once it is in place the original is deleted, and that
     * can no longer be cancelled (a cancelled move must not leave a complete copy next to a half-deleted original).
     */
    private Slot copyThenDelete(Slot source, Slot target, ConflictPolicy policy) {
        crossing.count(source);
        Slot placed = crossing.copyNew(source, target, policy, "nothing was changed");
        new TreeDelete(BackgroundWork.Progress.NONE, false, "Removing").delete(source);
        return placed;
    }

    /** Counts the entries of the folder a merge will move, for the percentages. */
    void count(Slot folder) {
        total += TreeStats.of(folder, progress).entries();
    }

    /** Merges the folder {@code source} into the existing folder {@code target}, then removes {@code source}. */
    void merge(Slot source, Slot target) {
        try (DriveFolder from = source.open(); DriveFolder into = target.open()) {
            for (String name : from.names()) {
                progress.checkpoint();
                mergeEntry(from.slot(name), into.slot(name));
                moved++;
                progress.update("Moving " + source.path().resolve(name), total == 0 ? 0 : 100.0 * moved / Math.max(total, moved));
            }
        } catch (IOException e) {
            throw FileErrors.ofChange(e, source.path());
        }
        try {
            Files.delete(source.local());
        } catch (IOException e) {
            throw FileErrors.ofChange(e, source.path());
        }
    }

    private void mergeEntry(Slot from, Slot to) {
        try {
            Kind fromKind = Kind.of(from);
            Kind toKind = Kind.of(to);
            if (fromKind == Kind.DIRECTORY && toKind == Kind.DIRECTORY) {
                merge(from, to);
            } else if (fromKind.exists()) {
                move(from, fromKind, to, ConflictPolicy.RENAME);
            }
        } catch (IOException e) {
            throw FileErrors.ofChange(e, from.path());
        }
    }
}
