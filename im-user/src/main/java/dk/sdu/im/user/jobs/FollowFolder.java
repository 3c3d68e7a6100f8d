package dk.sdu.im.user.jobs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;

/**
 * A job folder held open by descriptor for a whole follow, with its files opened inside it by name, never following a
 * link at that name. The folder was resolved inside the user's drive ({@link JobDrives#local}, which refuses a link on
 * the way); it is opened at once, without following a link at its own name, and what is read from then on is what
 * that descriptor holds, whatever the path names later.
 *
 * <p>A name that is not a regular file (a link, wherever it points; a FIFO, which would block; a folder) is refused.
 * What remains: a regular file swapped for a FIFO between the check and the open blocks this one follow; only someone
 * who may write the user's job folder can do that. Linux always offers {@link SecureDirectoryStream}; elsewhere this
 * refuses.
 */
final class FollowFolder implements Closeable {
    private final SecureDirectoryStream<Path> folder;

    private FollowFolder(SecureDirectoryStream<Path> folder) {
        this.folder = folder;
    }

    /** An open file and the identity (file key) it had when checked. The caller closes the channel. */
    record Opened(SeekableByteChannel channel, Object identity) {
    }

    /** The name is there, but not as a regular file. */
    static final class NotRegularFile extends FileSystemException {
        NotRegularFile(String name) {
            super(name, null, "not a regular file");
        }
    }

    /** Opens {@code local}, an absolute path inside a drive, as a folder. */
    static FollowFolder open(Path local) throws IOException {
        Path parent = local.getParent();
        if (parent == null) {
            throw new NoSuchFileException(local.toString(), null, "not a folder inside a drive");
        }
        try (DirectoryStream<Path> above = Files.newDirectoryStream(parent)) {
            if (!(above instanceof SecureDirectoryStream<Path> secure)) {
                throw new FileSystemException(local.toString(), null, "this platform cannot open files without following links");
            }
            return new FollowFolder(secure.newDirectoryStream(local.getFileName(), LinkOption.NOFOLLOW_LINKS));
        }
    }

    /** The identity of the regular file {@code name}; empty while there is none. @throws NotRegularFile */
    Optional<Object> identity(String name) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = folder.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attributes.isRegularFile()) {
            throw new NotRegularFile(name);
        }
        return Optional.of(attributes.fileKey());
    }

    /** The regular file {@code name}, open for reading at its start; empty while there is none. @throws NotRegularFile */
    Optional<Opened> open(String name) throws IOException {
        Optional<Object> identity = identity(name);
        if (identity.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Opened(folder.newByteChannel(Path.of(name),
                    Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)), identity.get()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        folder.close();
    }
}
