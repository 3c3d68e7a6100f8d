package dk.sdu.im.user.transfer;

import dk.sdu.im.user.files.DriveRoot;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * A directory inside a drive, held open so that what is done in it (create, write, rename, delete) happens
 * exactly there, whatever is renamed or swapped on the way meanwhile. Like {@link ConfinedFile}, the walk starts
 * at the drive root (a real path, trusted: its parents belong to the administrator) and descends one name at a
 * time with {@code openat(..., O_NOFOLLOW)} through {@link SecureDirectoryStream}: a symlink on the way is refused,
 * never followed. Entries are then named relative to the open directory ({@code *at} system calls).
 *
 * <p>{@code SecureDirectoryStream} has no {@code mkdirat}, so a missing folder ({@link #child} with {@code create})
 * is made by {@link DriveRoot#createFolder}, which reaches this directory again by descriptor from the drive root,
 * refusing links on the way, and is then opened relative to this one without following links: a directory swapped
 * meanwhile can neither let the folder appear outside the drive nor be entered. New folders get the mode the user's
 * umask (or the parent's default ACL) gives.
 *
 * <p>Not thread-safe; one owner, which closes it. Linux only, like {@link ConfinedFile}.
 */
final class ConfinedDirectory implements Closeable {
    private final DriveRoot drive;
    private final Path path;
    private final SecureDirectoryStream<Path> stream;

    private ConfinedDirectory(DriveRoot drive, Path path, SecureDirectoryStream<Path> stream) {
        this.drive = drive;
        this.path = path;
        this.stream = stream;
    }

    /** A name on the way is not a folder: a file, or a symbolic link (which is never followed). */
    static final class InTheWay extends FileSystemException {
        private final boolean link;

        InTheWay(Path entry, boolean link) {
            super(entry.toString(), null, link ? "a symbolic link is in the way" : "not a directory");
            this.link = link;
        }

        boolean link() {
            return link;
        }
    }

    /** Opens {@code directory}, the drive's root itself or a real path strictly inside it. */
    static ConfinedDirectory open(DriveRoot drive, Path directory) throws IOException {
        Path root = drive.root();
        if (!directory.startsWith(root)) {
            throw new NoSuchFileException(directory.toString(), null, "not inside " + root);
        }
        DirectoryStream<Path> top = Files.newDirectoryStream(root);
        if (!(top instanceof SecureDirectoryStream<Path> secure)) {
            top.close();
            throw new FileSystemException(directory.toString(), null,
                    "this platform cannot open directories without following symbolic links");
        }
        ConfinedDirectory current = new ConfinedDirectory(drive, root, secure);
        for (Path name : root.relativize(directory)) {
            if (!name.toString().isEmpty()) {
                try (ConfinedDirectory parent = current) {
                    current = parent.open(name);
                }
            }
        }
        return current;
    }

    /** The real path of this directory (for messages and for {@link DriveRoot#createFolder}; never used to reach entries). */
    Path path() {
        return path;
    }

    SecureDirectoryStream<Path> stream() {
        return stream;
    }

    /**
     * The folder {@code name} in this one, open; created first when it is missing and {@code create} is set.
     * Throws {@link InTheWay} when the name is a file or a symbolic link, {@link NoSuchFileException} when it is
     * missing and not to be created. Either way this directory stays open and usable by its owner.
     */
    ConfinedDirectory child(String name, boolean create) throws IOException {
        Optional<BasicFileAttributes> entry = lstat(name);
        if (entry.isEmpty() && create) {
            try {
                drive.createFolder(path, name);
            } catch (FileAlreadyExistsException raced) {
                // made meanwhile, by another request of this upload or another process: open what is there
            }
        }
        return open(Path.of(name));
    }

    /** The attributes of entry {@code name} itself (a symbolic link is not followed); empty when it is missing. */
    Optional<BasicFileAttributes> lstat(String name) throws IOException {
        return lstat(Path.of(name));
    }

    private Optional<BasicFileAttributes> lstat(Path name) throws IOException {
        try {
            return Optional.of(stream.getFileAttributeView(name, BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).readAttributes());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** The existing folder {@code name} (one name, exactly the bytes a path taken apart gives) in this one, open. */
    private ConfinedDirectory open(Path name) throws IOException {
        Optional<BasicFileAttributes> entry = lstat(name);
        if (entry.isPresent() && !entry.get().isDirectory()) {
            throw new InTheWay(path.resolve(name), entry.get().isSymbolicLink());
        }
        try {
            return new ConfinedDirectory(drive, path.resolve(name), stream.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS));
        } catch (FileSystemException e) {
            // swapped for a link or a file between the lstat and the open (ELOOP, ENOTDIR)
            if (e.getReason() != null && e.getReason().startsWith("Too many levels of symbolic links")) {
                throw new InTheWay(path.resolve(name), true);
            }
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
