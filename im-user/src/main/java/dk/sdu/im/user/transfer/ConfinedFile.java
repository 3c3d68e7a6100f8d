package dk.sdu.im.user.transfer;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Set;

/**
 * Opens, for reading, a file that was resolved inside a drive earlier, so that nothing swapped in since can
 * lead anywhere else. The walk starts at the drive root (a real path, trusted: its parents belong to the
 * administrator) and descends one name at a time with {@code openat(..., O_NOFOLLOW)} through
 * {@link SecureDirectoryStream}: a directory or the file replaced by a symlink since the check is not
 * followed but refused, and there is no window between a check and the use.
 *
 * <p>The last name must be a regular file, checked with {@code fstatat(AT_SYMLINK_NOFOLLOW)} in the already
 * open parent, so a FIFO or device is never opened (opening a FIFO would block). What remains: a regular file
 * replaced by a FIFO between that check and the open blocks the one request that opens it; only someone with
 * write access to that directory can do that, and it harms no one else.
 *
 * <p>Every directory on the way must be readable by the user (a directory is opened to walk it). Linux, the
 * only platform IM/User supports, always offers {@link SecureDirectoryStream}; elsewhere this refuses.
 */
final class ConfinedFile {
    private ConfinedFile() {
    }

    /** An open file: its channel (the caller closes it), its size when opened and its modification time. */
    record Opened(FileChannel channel, long size, FileTime lastModified) implements Closeable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** The name exists but is no longer a regular file (a folder, a symlink, a FIFO...). */
    static final class NotRegularFile extends FileSystemException {
        NotRegularFile(String file) {
            super(file, null, "not a regular file");
        }
    }

    /** Opens {@code file}, a real path strictly inside the real directory {@code root}. */
    static Opened open(Path root, Path file) throws IOException {
        if (!file.startsWith(root) || file.equals(root)) {
            throw new NoSuchFileException(file.toString(), null, "not inside " + root);
        }
        Path relative = root.relativize(file);
        try (DirectoryStream<Path> top = Files.newDirectoryStream(root)) {
            if (!(top instanceof SecureDirectoryStream<Path> secure)) {
                throw new FileSystemException(file.toString(), null,
                        "this platform cannot open files without following symbolic links");
            }
            return openBelow(secure, relative, file);
        }
    }

    private static Opened openBelow(SecureDirectoryStream<Path> top, Path relative, Path file) throws IOException {
        SecureDirectoryStream<Path> dir = top;
        try {
            for (int i = 0; i < relative.getNameCount() - 1; i++) {
                SecureDirectoryStream<Path> next = dir.newDirectoryStream(relative.getName(i), LinkOption.NOFOLLOW_LINKS);
                closeUnlessTop(dir, top);
                dir = next;
            }
            return openRegular(dir, relative.getFileName(), file);
        } finally {
            closeUnlessTop(dir, top);
        }
    }

    private static Opened openRegular(SecureDirectoryStream<Path> dir, Path name, Path file) throws IOException {
        BasicFileAttributes attributes = dir.getFileAttributeView(name, BasicFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS).readAttributes();
        if (!attributes.isRegularFile()) {
            throw new NotRegularFile(file.toString());
        }
        FileChannel channel = fileChannel(dir, name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        try {
            return new Opened(channel, channel.size(), attributes.lastModifiedTime());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Opens {@code name} in {@code dir} as a {@link FileChannel} (which sendfile, positional I/O and force need), as
     * Linux's secure directory streams always give one.
     *
     * @throws FileSystemException on a platform that does not
     */
    static FileChannel fileChannel(SecureDirectoryStream<Path> dir, Path name, Set<? extends OpenOption> options)
            throws IOException {
        SeekableByteChannel opened = dir.newByteChannel(name, options);
        if (opened instanceof FileChannel channel) {
            return channel;
        }
        opened.close();
        throw new FileSystemException(name.toString(), null, "this platform gives no file channel for a confined file");
    }

    private static void closeUnlessTop(SecureDirectoryStream<Path> dir, SecureDirectoryStream<Path> top) throws IOException {
        if (dir != top) {
            dir.close();
        }
    }
}
