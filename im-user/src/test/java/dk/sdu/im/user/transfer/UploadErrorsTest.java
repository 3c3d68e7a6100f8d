package dk.sdu.im.user.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.ApiException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** Disk errors while uploading become clear statuses that name the UCloud path and never a local one. */
class UploadErrorsTest {
    static final String PATH = "/12/docs/x.bin";

    @Test
    void fullDiskAndQuotaAre507() {
        // FileChannel.write reports ENOSPC and EDQUOT as a plain IOException with glibc's text
        ApiException full = UploadErrors.of(new IOException("No space left on device"), PATH);
        ApiException quota = UploadErrors.of(new FileSystemException("/home/alice/x", null, "Disk quota exceeded"), PATH);

        assertThat(full.status()).isEqualTo(507);
        assertThat(full.why()).isEqualTo("No space left on the device while uploading /12/docs/x.bin");
        assertThat(quota.status()).isEqualTo(507);
        assertThat(quota.why()).isEqualTo("Disk quota exceeded while uploading /12/docs/x.bin");
    }

    @Test
    void permissionAndReadOnlyAre403() {
        assertThat(UploadErrors.of(new AccessDeniedException("/home/alice/x"), PATH).why()).isEqualTo("Permission denied: " + PATH);
        assertThat(UploadErrors.of(new FileSystemException("/x", null, "Operation not permitted"), PATH).status()).isEqualTo(403);
        assertThat(UploadErrors.of(new FileSystemException("/x", null, "Read-only file system"), PATH).why())
                .isEqualTo("The drive is read-only: " + PATH);
    }

    @Test
    void conflictsAre409AndVanishedFoldersAre404() {
        assertThat(UploadErrors.of(new FileAlreadyExistsException("/x"), PATH).status()).isEqualTo(409);
        assertThat(UploadErrors.of(new FileSystemException("/x", "/y", "Is a directory"), PATH).why()).isEqualTo("A folder exists at " + PATH);
        assertThat(UploadErrors.of(new NoSuchFileException("/x"), PATH).status()).isEqualTo(404);
        assertThat(UploadErrors.of(new FileSystemException("/x", null, "Too many levels of symbolic links"), PATH).status()).isEqualTo(404);
    }

    @Test
    void tooLongNamesAre400AndAnythingElseIsASafe500() {
        assertThat(UploadErrors.of(new FileSystemException("/x", null, "File name too long"), PATH).status()).isEqualTo(400);
        ApiException other = UploadErrors.of(new IOException("Input/output error on /home/alice/secret"), PATH);
        assertThat(other.status()).isEqualTo(500);
        assertThat(other.why()).isEqualTo("Could not write " + PATH);
    }
}
