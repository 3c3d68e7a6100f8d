package dk.sdu.im.user.files;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A folder of a drive, held open by descriptor: the one primitive every file call acts through (DESIGN 4.8).
 *
 * <p>A folder is reached from the drive root one name at a time with {@code openat(O_PATH | O_DIRECTORY |
 * O_NOFOLLOW)} ({@link #folder}): a symbolic link on the way is refused, never followed, and once open the
 * descriptor stays on that folder whatever is renamed or swapped later. Entries are then named relative to it, as
 * {@code /proc/self/fd/N/<name>} ({@link #entry}), which the kernel resolves from the descriptor: only the last name
 * is looked up, so the JDK's calls on such a path are the {@code *at} calls on the open folder (lstat, mkdir,
 * unlink, rmdir, rename, symlink, readlink, open with {@code O_NOFOLLOW} or {@code O_EXCL}). Those never follow a
 * link in the last name either; the calls that would (chmod, utimes, access, open for reading) go through
 * {@link #withEntry}, which first opens the entry itself by descriptor, so they act on exactly that inode.
 *
 * <p>{@link #self} names the folder itself ({@code /proc/self/fd/N}); calls that follow it land on this folder.
 * Names are UCloud texts ({@link FileName}): {@link #names} lists them so, and the calls taking a name turn it
 * back into its exact bytes.
 *
 * <p>Not thread-safe: one owner, which closes it (a path made from it must not be used after that, since the
 * number may then be another file's). Needs Linux with {@code /proc}, which IM/User requires anyway.
 */
final class DriveFolder implements AutoCloseable {
    private static final String FDS = "/proc/self/fd/";

    private final int fd;
    private final Path self;
    private final UCloudPath path;
    private final Path lexical;
    private boolean closed;

    private DriveFolder(int fd, UCloudPath path, Path lexical) {
        this.fd = fd;
        this.self = Path.of(FDS + fd);
        this.path = path;
        this.lexical = lexical;
    }

    /** A name on the way is not a folder: a file, or a symbolic link (which is never followed). */
    static final class InTheWay extends FileSystemException {
        private final boolean link;

        InTheWay(String file, boolean link) {
            super(file, null, link ? "Too many levels of symbolic links" : "Not a directory");
            this.link = link;
        }

        /** Whether it is a symbolic link rather than a file. */
        boolean link() {
            return link;
        }
    }

    /** What {@link #withEntry} does with an entry opened by descriptor. */
    @FunctionalInterface
    interface EntryAction<T> {
        /**
         * @param inode {@code /proc/self/fd/M} of the entry's own descriptor: calls that follow it act on the entry
         *     itself, never on what a name may point to (for a symbolic link, on the link, so check first)
         * @param attributes the entry's own attributes, read through that descriptor
         */
        T apply(Path inode, BasicFileAttributes attributes) throws IOException;
    }

    /** The root folder of {@code drive}. Its real path is trusted (the administrator's), so it is opened as it is. */
    static DriveFolder root(DriveRoot drive) throws IOException {
        int fd = OpenAt.directory(FileName.bytesOf(drive.root()), drive.root().toString());
        return new DriveFolder(fd, new UCloudPath(drive.driveId(), List.of()), drive.root());
    }

    /**
     * The folder {@code name} in this one, open. {@link InTheWay} when it is a file or a symbolic link,
     * {@link NoSuchFileException} when it is missing; this folder stays open either way.
     */
    DriveFolder folder(String name) throws IOException {
        FileName file = name(name);
        String label = lexical.resolve(file.path()).toString();
        try {
            return new DriveFolder(OpenAt.directory(fd, file.bytes(), label), path.resolve(name),
                    lexical.resolve(file.path()));
        } catch (OpenAt.NotADirectory e) {
            throw inTheWay(name, label, e);
        }
    }

    /** {@code /proc/self/fd/N}: this folder itself, for calls that follow it (list, stat, chmod, access). */
    Path self() {
        checkOpen();
        return self;
    }

    /** The entry {@code name} of this folder, for calls that do not follow its last name (see the class comment). */
    Path entry(String name) {
        checkOpen();
        return self.resolve(name(name).path());
    }

    /** The place {@code name} in this folder. */
    Slot slot(String name) {
        return new Slot(path.resolve(name), this, name);
    }

    /** This folder's UCloud path. */
    UCloudPath path() {
        return path;
    }

    /**
     * Where this folder was when it was opened, as a path from the drive's root: for comparing places (a folder
     * into itself) and for the log. Never used to reach a file: it may point elsewhere by now.
     */
    Path lexical() {
        return lexical;
    }

    /** The entry's own attributes (lstat); NoSuchFileException when it is missing. */
    BasicFileAttributes attributes(String name) throws IOException {
        return Files.readAttributes(entry(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /** The names in this folder, read at once (the caller may then change the folder). */
    List<String> names() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(self())) {
            for (Path entry : entries) {
                names.add(FileName.textOf(entry));
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return names;
    }

    /** {@link #names}, for the calls that change files: a failure is their ApiException, naming this folder. */
    List<String> namesOrRefuse() {
        try {
            return names();
        } catch (IOException e) {
            throw FileErrors.ofChange(e, path);
        }
    }

    /**
     * Opens the entry {@code name} itself ({@code O_PATH | O_NOFOLLOW}, so a link is the link) and hands its
     * descriptor's path and attributes to {@code action}; the descriptor is closed afterwards.
     */
    <T> T withEntry(String name, EntryAction<T> action) throws IOException {
        FileName file = name(name);
        int entry = OpenAt.entry(fd, file.bytes(), lexical.resolve(file.path()).toString());
        try {
            Path inode = Path.of(FDS + entry);
            return action.apply(inode, Files.readAttributes(inode, BasicFileAttributes.class));
        } finally {
            OpenAt.close(entry);
        }
    }

    /**
     * Gives the entry {@code name} these permission bits; a symbolic link there is an error, never followed. (The
     * JDK's {@code PosixFileAttributeView} with {@code NOFOLLOW_LINKS} on a path does follow a link in JDK 25: it
     * passes {@code O_NOFOLLOW} as the mode of its {@code open}, so it is not used.)
     */
    void setPermissions(String name, Set<PosixFilePermission> permissions) throws IOException {
        withEntry(name, (inode, attributes) -> {
            if (attributes.isSymbolicLink()) {
                throw new InTheWay(lexical.resolve(name(name).path()).toString(), true);
            }
            return Files.setPosixFilePermissions(inode, permissions);
        });
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            OpenAt.close(fd);
        }
    }

    private IOException inTheWay(String name, String label, IOException cause) {
        BasicFileAttributes attributes;
        try {
            attributes = attributes(name);
        } catch (NoSuchFileException gone) {
            return gone;
        } catch (IOException e) {
            return cause;
        }
        if (attributes.isSymbolicLink() || !attributes.isDirectory()) {
            return new InTheWay(label, attributes.isSymbolicLink());
        }
        return cause;
    }

    private static FileName name(String name) {
        FileName file = FileName.parse(name);
        if (file == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a single checked name: " + name);
        }
        return file;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the folder " + path + " was closed");
        }
    }
}
