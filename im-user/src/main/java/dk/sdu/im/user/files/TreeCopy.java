package dk.sdu.im.user.files;

import dk.sdu.im.api.ApiException;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Copies entries (a file, a symlink or a whole tree) so that each appears complete or not at all.
 *
 * <p>A new entry is first copied to a hidden name in the destination folder ({@code .ucloud-partial-<random>}),
 * a whole tree included, and renamed to its name only when everything in it was copied. Whatever ends the copy
 * early (an error, a full disk, the user cancelling) removes the hidden copy, so no half-written file is ever
 * visible under a real name. Merging ({@link #merge}) copies each new entry that way into an existing folder;
 * what was merged before an error stays.
 *
 * <p>What a copy keeps: contents and permission bits (folders get theirs after their contents, so a read-only
 * tree can be copied); not owner, group or times (the copy is a new file of the user). Symlinks are copied as
 * links, never followed: for a copy ({@code linkRoot} set) only a link whose target, read from where the copy will
 * be, lies inside the destination drive; others are skipped and listed in {@link #skipped}. The check is lexical:
 * a link through another link can still point out, which is harmless because every later use goes through
 * {@link PathResolver}. For a move that crosses file systems ({@code linkRoot} null) links are kept as they are,
 * since they are the user's own and only change place. Sockets, pipes and devices are skipped by a copy and fail
 * a move (it must not lose them by deleting the original). Files are read
 * without following links, so a file swapped for a link meanwhile is an error, not a way out of the drive.
 *
 * <p>Not thread-safe; one per operation, used by its working thread.
 */
final class TreeCopy {
    static final String PARTIAL = ".ucloud-partial-";
    static final String REPLACED = ".ucloud-replaced-";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final FileCopier copier;
    private final BackgroundWork.Progress progress;
    private final Path linkRoot;
    private final String verb;
    private final List<String> skipped = new ArrayList<>();
    private long total;
    private long done;

    /** @param linkRoot the destination drive's root for a copy; null for a move, which keeps every link */
    TreeCopy(FileCopier copier, BackgroundWork.Progress progress, Path linkRoot, String verb) {
        this.copier = copier;
        this.progress = progress;
        this.linkRoot = linkRoot;
        this.verb = verb;
    }

    /** Adds what {@code top} holds to the amount the percentages count against (entries plus bytes). */
    void count(Slot top) {
        TreeStats stats = TreeStats.of(top, progress);
        total += stats.entries() + stats.bytes();
    }

    /** UCloud paths of the links, sockets, pipes and devices that were not copied. */
    List<String> skipped() {
        return List.copyOf(skipped);
    }

    /** A sentence for the end of the task, when something was skipped. */
    String skippedNote() {
        return skipped.isEmpty() ? "" : "; not copied (links leading outside the drive, or special files): "
                + String.join(", ", skipped.subList(0, Math.min(10, skipped.size())))
                + (skipped.size() > 10 ? " and " + (skipped.size() - 10) + " more" : "");
    }

    /** Whether a link with {@code target} stays in the drive when it is at {@code location}. */
    static boolean linkStaysInside(Path location, Path target, Path root) {
        Path resolved = target.isAbsolute() ? target : location.getParent().resolve(target);
        return resolved.normalize().startsWith(root);
    }

    /**
     * Copies {@code source} to a hidden name in {@code target}'s folder, then gives it {@code target}'s name,
     * under {@code policy} if that name was taken meanwhile (RENAME, MERGE_RENAME: the next free name; REJECT: 409;
     * REPLACE: the entry there gives way). Returns where it landed, or null when nothing could be copied (a
     * link or special file that was skipped).
     */
    Slot copyNew(Slot source, Slot target, ConflictPolicy policy, String whenFull) {
        Slot staging = target.renamed(PARTIAL + random());
        boolean placed = false;
        try {
            Kind kind = copyInto(source, staging, new Place(target.lexical(), target.path()), whenFull);
            if (kind == null) {
                return null;
            }
            Slot landed = commit(staging, kind == Kind.DIRECTORY, target, policy);
            placed = true;
            return landed;
        } catch (IOException e) {
            throw FileErrors.ofChange(e, target.path(), whenFull);
        } finally {
            if (!placed) {
                TreeDelete.discard(staging.folder(), staging.name());
            }
        }
    }

    /**
     * Merges the folder {@code source} into the existing folder {@code target}: folders present on both sides are
     * merged in turn, every other entry is copied in with {@link #copyNew}, renamed if its name is taken.
     */
    void merge(Slot source, Slot target) {
        try (DriveFolder from = open(source); DriveFolder into = open(target)) {
            for (String name : from.namesOrRefuse()) {
                progress.checkpoint();
                Slot child = from.slot(name);
                Slot to = into.slot(name);
                Kind fromKind = kind(child);
                if (fromKind == Kind.DIRECTORY && kind(to) == Kind.DIRECTORY) {
                    merge(child, to);
                } else if (fromKind.exists()) {
                    copyNew(child, to, ConflictPolicy.RENAME, "what was copied before this point was kept");
                }
            }
        }
    }

    /** Where a copied entry will be once it has its name: its local place (for links) and its UCloud path. */
    private record Place(Path lexical, UCloudPath path) {
        Place child(String name) {
            return new Place(lexical.resolve(FileName.parse(name).path()), path.resolve(name));
        }
    }

    /** Returns the kind copied, or null when the entry was skipped (or vanished) and nothing was made. */
    private Kind copyInto(Slot source, Slot copy, Place destination, String whenFull) {
        progress.checkpoint();
        try {
            Kind kind = Kind.of(source);
            switch (kind) {
                case DIRECTORY -> copyFolder(source, copy, destination, whenFull);
                case FILE -> copyFile(source, copy);
                case LINK -> {
                    Path target = Files.readSymbolicLink(source.local());
                    if (linkRoot != null && !linkStaysInside(destination.lexical(), target, linkRoot)) {
                        skipped.add(source.path().toString());
                        return null;
                    }
                    Files.createSymbolicLink(copy.local(), target);
                }
                case OTHER -> {
                    if (linkRoot == null) {
                        throw ApiException.badRequest(source.path() + " is a special file (pipe, socket or device) "
                                + "and cannot be moved to another file system; nothing was moved");
                    }
                    skipped.add(source.path().toString());
                    return null;
                }
                case MISSING -> {
                    return null;
                }
            }
            counted(1, destination.path());
            return kind;
        } catch (IOException e) {
            throw FileErrors.ofChange(e, blame(e, source, destination.path()), whenFull);
        }
    }

    /** A new folder {@code copy} (owner only until its contents are in), filled from {@code source}, then its mode. */
    private void copyFolder(Slot source, Slot copy, Place destination, String whenFull) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(source.local(), LinkOption.NOFOLLOW_LINKS);
        Files.createDirectory(copy.local(), PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try (DriveFolder from = source.open(); DriveFolder into = copy.open()) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(from.self())) {
                for (Path child : children) {
                    String name = FileName.textOf(child);
                    copyInto(from.slot(name), into.slot(name), destination.child(name), whenFull);
                }
            } catch (DirectoryIteratorException e) {
                throw e.getCause();
            }
            Files.setPosixFilePermissions(into.self(), mode);
        }
    }

    private void copyFile(Slot source, Slot copy) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(source.local(), LinkOption.NOFOLLOW_LINKS);
        copier.copy(source.local(), copy.local(), bytes -> done += bytes, progress::checkpoint);
        copy.folder().setPermissions(copy.name(), mode);
    }

    /**
     * Gives {@code staged} (a hidden entry in {@code target}'s folder) its name, under {@code policy} if the name
     * is taken now. rename(2) is atomic; a name taken in the instant between the check and the rename is
     * replaced if it is a file, and fails the copy if it is a folder.
     */
    static Slot commit(Slot staged, boolean directory, Slot target, ConflictPolicy policy) throws IOException {
        Kind existing = Kind.of(target);
        if (existing.exists()) {
            switch (policy) {
                case REJECT -> throw ApiException.of(409, "A file already exists at " + target.path(), null);
                case RENAME, MERGE_RENAME -> target = ConflictNames.free(target, directory);
                case REPLACE -> {
                    replace(staged, directory, target, existing);
                    return target;
                }
            }
        }
        Files.move(staged.local(), target.local(), StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /**
     * Puts {@code incoming} (on the same file system) in the place of the existing entry at {@code target}. A file
     * or link replacing a file or link is one atomic rename. Otherwise the existing entry is first renamed aside
     * ({@code .ucloud-replaced-<random>}), {@code incoming} takes its name, and only then is the old entry deleted;
     * if {@code incoming} cannot take the name, the old entry is put back, so a failure changes nothing. The old
     * entry's deletion is not cancellable (the replacement already happened); if it fails, it is logged.
     */
    static void replace(Slot incoming, boolean incomingIsFolder, Slot target, Kind existing) throws IOException {
        if (!incomingIsFolder && existing != Kind.DIRECTORY) {
            Files.move(incoming.local(), target.local(), StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Slot aside = target.renamed(REPLACED + random());
        Files.move(target.local(), aside.local(), StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(incoming.local(), target.local(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.move(aside.local(), target.local(), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
        TreeDelete.discard(aside.folder(), aside.name());
    }

    /**
     * Which side an error is about: the source when the exception names the source file (as it was opened, or where
     * it is), else the destination.
     */
    private static UCloudPath blame(IOException e, Slot source, UCloudPath destinationPath) {
        if (e instanceof FileSystemException fs && (source.local().toString().equals(fs.getFile())
                || source.lexical().toString().equals(fs.getFile()))) {
            return source.path();
        }
        return destinationPath;
    }

    private static Kind kind(Slot slot) {
        try {
            return Kind.of(slot);
        } catch (IOException e) {
            throw FileErrors.ofChange(e, slot.path());
        }
    }

    private static DriveFolder open(Slot folder) {
        try {
            return folder.open();
        } catch (IOException e) {
            throw FileErrors.ofChange(e, folder.path());
        }
    }

    private void counted(long entries, UCloudPath at) {
        done += entries;
        long all = Math.max(total, done);
        progress.update(verb + " " + at, all == 0 ? 0 : 100.0 * done / all);
    }

    static String random() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }
}
