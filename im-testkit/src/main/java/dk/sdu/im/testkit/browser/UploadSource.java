package dk.sdu.im.testkit.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A local file to upload and what the LISTING announces for it: {@code relPath} ({@code ""} for a single FILE
 * upload), {@code size} and {@code modifiedAtMs}. The data sent is the file's content as read at upload time,
 * whatever {@code size} says, so a forged size is an attack test, not a mistake.
 */
public record UploadSource(Path file, String relPath, long size, long modifiedAtMs) {
    public UploadSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(relPath, "relPath");
    }

    /** Announces the file's current size and modification time. */
    public static UploadSource of(Path file, String relPath) {
        try {
            return new UploadSource(file, relPath, Files.size(file), Files.getLastModifiedTime(file).toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + file, e);
        }
    }

    public UploadSource withModifiedAt(long modifiedAtMs) {
        return new UploadSource(file, relPath, size, modifiedAtMs);
    }

    /** Announces {@code size} although the file may hold more or fewer bytes. */
    public UploadSource withAnnouncedSize(long size) {
        return new UploadSource(file, relPath, size, modifiedAtMs);
    }
}
