package dk.sdu.im.user.files;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temporary directories on tmpfs ({@code /dev/shm}) when there is a writable one, else in the default place.
 * Creating 100,000 files on a disk-backed file system can take many seconds; on tmpfs it takes well under one.
 */
final class MemoryTempDirFactory implements TempDirFactory {
    private static final Path SHM = Path.of("/dev/shm");

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws Exception {
        if (Files.isDirectory(SHM) && Files.isWritable(SHM)) {
            return Files.createTempDirectory(SHM, "im-user-test");
        }
        return Files.createTempDirectory("im-user-test");
    }
}
