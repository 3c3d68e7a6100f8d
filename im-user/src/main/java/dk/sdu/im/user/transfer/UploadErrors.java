package dk.sdu.im.user.transfer;

import dk.sdu.im.api.ApiException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns an IOException met while writing an upload into the ApiException the browser (or Core) sees. The
 * {@code why} names the UCloud path only; the exception, which holds local paths, goes to the log.
 *
 * <p>Upload replies go straight to the browser (the upload URL is not called through Core), so unlike
 * {@code files.FileErrors}, which answers Core and must avoid 5xx texts being hidden, a full disk is the honest
 * 507. Errors the JDK has no type for are recognised by glibc's strerror text, as {@code files.FileErrors}
 * does (package-private there, hence this sibling); another libc or locale makes them the safe 500.
 */
final class UploadErrors {
    private static final Logger LOG = Logger.getLogger(UploadErrors.class.getName());
    static final String NO_SPACE = "No space left on the device";
    static final String QUOTA = "Disk quota exceeded";

    private UploadErrors() {
    }

    static ApiException of(IOException e, String ucloudPath) {
        String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        if (starts(reason, "No space left on device")) {
            return ApiException.of(507, NO_SPACE + " while uploading " + ucloudPath, null);
        }
        if (starts(reason, "Disk quota exceeded")) {
            return ApiException.of(507, QUOTA + " while uploading " + ucloudPath, null);
        }
        if (e instanceof AccessDeniedException || starts(reason, "Permission denied") || starts(reason, "Operation not permitted")) {
            return ApiException.forbidden("Permission denied: " + ucloudPath);
        }
        if (starts(reason, "Read-only file system")) {
            return ApiException.forbidden("The drive is read-only: " + ucloudPath);
        }
        if (e instanceof FileAlreadyExistsException) {
            return ApiException.of(409, "A file already exists at " + ucloudPath, null);
        }
        if (e instanceof DirectoryNotEmptyException || starts(reason, "Is a directory")) {
            return ApiException.of(409, "A folder exists at " + ucloudPath, null);
        }
        if (starts(reason, "File name too long")) {
            return ApiException.badRequest("The name is too long for this file system: " + ucloudPath);
        }
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException
                || starts(reason, "Not a directory") || starts(reason, "Too many levels of symbolic links")) {
            return ApiException.notFound("The folder to upload into is gone or was replaced: " + ucloudPath);
        }
        LOG.log(Level.WARNING, "upload to " + ucloudPath + " failed", e);
        return ApiException.of(500, "Could not write " + ucloudPath, null);
    }

    private static boolean starts(String reason, String text) {
        return reason != null && reason.startsWith(text);
    }
}
