package dk.sdu.im.ipc;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.Logger;

/**
 * The socket file's life on disk: its parent directory, a stale file from a previous run, and its mode.
 * Runs as the service user; touches only the socket path and (when missing) its parent directory.
 */
final class SocketFile {
    private static final Logger LOG = Logger.getLogger(SocketFile.class.getName());
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private SocketFile() {
    }

    /** Makes {@code requested} ready to bind and returns it as an absolute path. */
    static Path prepare(Path requested) throws IOException {
        Path path = requested.toAbsolutePath().normalize();
        Path parent = path.getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent);
            // Traversable by everyone (they must reach the socket), writable only by us (nobody swaps it).
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            removeStale(path);
        }
        return path;
    }

    /** Every local user may connect: who may do what is decided by peer credentials (DESIGN 4.9). */
    static void openToAllUsers(Path path) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
    }

    private static void removeStale(Path path) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IOException("refusing to replace " + path + ": it exists and is not a socket");
        }
        if (answers(path)) {
            throw new IOException("another server is already listening on " + path);
        }
        Files.delete(path);
        LOG.info(() -> "removed the stale IPC socket " + path);
    }

    private static boolean answers(Path path) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
