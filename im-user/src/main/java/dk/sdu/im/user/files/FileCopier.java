package dk.sdu.im.user.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.LongConsumer;

/**
 * Copies the bytes of one regular file to a new file. The seam where tests put a copier that fails or waits.
 *
 * <p>Contract: {@code target} does not exist and is created (owner read and write only; the caller sets the final
 * mode); {@code source} is opened without following a symlink, so a link swapped in meanwhile is an error, never
 * a way out of the drive. {@code copied} is told each chunk's size; {@code checkpoint} runs between chunks and may
 * throw to stop the copy. On any exception the caller removes the target.
 */
@FunctionalInterface
interface FileCopier {
    void copy(Path source, Path target, LongConsumer copied, Runnable checkpoint) throws IOException;

    /** Copies in chunks of {@code chunkBytes} with {@link FileChannel#transferTo} (copy_file_range on Linux). */
    static FileCopier chunked(long chunkBytes) {
        if (chunkBytes <= 0) {
            throw new IllegalArgumentException("chunkBytes must be positive");
        }
        return (source, target, copied, checkpoint) -> {
            try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                 FileChannel out = FileChannel.open(target, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                         StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                long size = in.size();
                for (long position = 0; position < size; ) {
                    checkpoint.run();
                    long n = in.transferTo(position, Math.min(chunkBytes, size - position), out);
                    if (n <= 0) {
                        break;
                    }
                    position += n;
                    copied.accept(n);
                }
            }
        };
    }
}
