package dk.sdu.im.user.transfer;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.user.files.IoFailure;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns an IOException met while writing an upload into the ApiException the browser (or Core) sees. The
 * {@code why} names the UCloud path only; the exception, which holds local paths, goes to the log.
 *
 * <p>Upload replies go straight to the browser (the upload URL is not called through Core), so unlike
 * {@code files.FileErrors}, which answers Core and must avoid 5xx texts being hidden, a full disk is the honest
 * 507. {@link IoFailure} says what kind of failure it was.
 */
final class UploadErrors {
    private static final Logger LOG = Logger.getLogger(UploadErrors.class.getName());
    static final String NO_SPACE_WHY = "No space left on the device";
    static final String QUOTA_WHY = "Disk quota exceeded";

    private UploadErrors() {
    }

    static ApiException of(IOException e, String ucloudPath) {
        return switch (IoFailure.of(e)) {
            case NO_SPACE -> ApiException.of(507, NO_SPACE_WHY + " while uploading " + ucloudPath, null);
            case QUOTA -> ApiException.of(507, QUOTA_WHY + " while uploading " + ucloudPath, null);
            case DENIED -> ApiException.forbidden("Permission denied: " + ucloudPath);
            case READ_ONLY -> ApiException.forbidden("The drive is read-only: " + ucloudPath);
            case EXISTS -> ApiException.of(409, "A file already exists at " + ucloudPath, null);
            case NOT_EMPTY, IS_DIRECTORY -> ApiException.of(409, "A folder exists at " + ucloudPath, null);
            case BUSY -> ApiException.of(409, "The file is busy (in use by a running program): " + ucloudPath, null);
            case NAME_TOO_LONG -> ApiException.badRequest("The name is too long for this file system: " + ucloudPath);
            case NO_SUCH_FILE, NOT_DIRECTORY, UNREACHABLE ->
                    ApiException.notFound("The folder to upload into is gone or was replaced: " + ucloudPath);
            case OTHER -> {
                LOG.log(Level.WARNING, "upload to " + ucloudPath + " failed", e);
                yield ApiException.of(500, "Could not write " + ucloudPath, null);
            }
        };
    }
}
