package dk.sdu.im.user.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoFailureTest {
    @Test
    void theJdksExceptionTypesDecideFirst() {
        assertThat(IoFailure.of(new FileAlreadyExistsException("/x"))).isEqualTo(IoFailure.EXISTS);
        assertThat(IoFailure.of(new DirectoryNotEmptyException("/x"))).isEqualTo(IoFailure.NOT_EMPTY);
        assertThat(IoFailure.of(new NoSuchFileException("/x"))).isEqualTo(IoFailure.NO_SUCH_FILE);
        assertThat(IoFailure.of(new AccessDeniedException("/x"))).isEqualTo(IoFailure.DENIED);
        assertThat(IoFailure.of(new NotDirectoryException("/x"))).isEqualTo(IoFailure.NOT_DIRECTORY);
    }

    @Test
    void glibcTextsAreRecognisedAsAReasonOrAsAPlainMessage() {
        assertThat(IoFailure.of(new FileSystemException("/x", null, "No space left on device"))).isEqualTo(IoFailure.NO_SPACE);
        assertThat(IoFailure.of(new IOException("No space left on device"))).isEqualTo(IoFailure.NO_SPACE);
        assertThat(IoFailure.of(new IOException("Disk quota exceeded"))).isEqualTo(IoFailure.QUOTA);
        assertThat(IoFailure.of(new IOException("Text file busy"))).isEqualTo(IoFailure.BUSY);
        assertThat(IoFailure.of(new IOException("Device or resource busy"))).isEqualTo(IoFailure.BUSY);
        assertThat(IoFailure.of(new FileSystemException("/x", null, "Read-only file system"))).isEqualTo(IoFailure.READ_ONLY);
        assertThat(IoFailure.of(new FileSystemException("/x", null, "Operation not permitted"))).isEqualTo(IoFailure.DENIED);
        assertThat(IoFailure.of(new IOException("Permission denied"))).isEqualTo(IoFailure.DENIED);
        assertThat(IoFailure.of(new FileSystemException("/x", null, "File name too long"))).isEqualTo(IoFailure.NAME_TOO_LONG);
        assertThat(IoFailure.of(new IOException("Is a directory"))).isEqualTo(IoFailure.IS_DIRECTORY);
        assertThat(IoFailure.of(new FileSystemException("/x", null, "Not a directory"))).isEqualTo(IoFailure.UNREACHABLE);
        assertThat(IoFailure.of(new FileSystemException("/x", null,
                "Too many levels of symbolic links or unable to access attributes of symbolic link"))).isEqualTo(IoFailure.UNREACHABLE);
    }

    @Test
    void unknownTextsAndNoTextAreOtherWhichCallersAnswerWith500() {
        assertThat(IoFailure.of(new IOException("Aucun espace disponible sur le périphérique"))).isEqualTo(IoFailure.OTHER);
        assertThat(IoFailure.of(new IOException((String) null))).isEqualTo(IoFailure.OTHER);
        assertThat(IoFailure.of(new FileSystemException("/x"))).isEqualTo(IoFailure.OTHER);
    }

    @Test
    void onlyNoSpaceAndQuotaAreFull() {
        assertThat(java.util.Arrays.stream(IoFailure.values()).filter(IoFailure::full))
                .containsExactlyInAnyOrder(IoFailure.NO_SPACE, IoFailure.QUOTA);
    }

    @Test
    void openingAPathThroughAFileIsUnreachable(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        IOException thrown = null;
        try {
            Files.newInputStream(file.resolve("inside")).close();
        } catch (IOException e) {
            thrown = e;
        }
        assertThat(thrown).isNotNull();
        assertThat(IoFailure.of(thrown)).isEqualTo(IoFailure.UNREACHABLE);
    }
}
