package dk.sdu.im.api.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * A log file that survives rotation without losing a line and without a signal. Before each line it asks whether
 * the path still names the file it has open (by file key: device and inode); when logrotate has renamed it (its
 * default {@code create} mode), the line still goes to the renamed file if it was already being written, and from
 * the next line on to a new file at the path. {@code copytruncate} is not needed and must not be used: it loses the
 * lines written between its copy and its truncation. The renamed file is complete once this process moved on, so
 * logrotate's {@code delaycompress} compresses it a rotation later. One stat per line; log volume is small.
 */
public final class WatchedFile implements LineSink {
    private final Path path;
    private FileChannel channel;
    private Object key;

    private WatchedFile(Path path) {
        this.path = path;
    }

    static WatchedFile open(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        var file = new WatchedFile(path.toAbsolutePath());
        file.reopen();
        return file;
    }

    @Override
    public synchronized void write(String line) throws IOException {
        if (!Objects.equals(key, currentKey())) {
            channel.close();
            reopen();
        }
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private void reopen() throws IOException {
        channel = FileChannel.open(path, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        key = currentKey();
    }

    private Object currentKey() throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more can be said about a log that will not close
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
