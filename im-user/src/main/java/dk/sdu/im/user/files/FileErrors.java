package dk.sdu.im.user.files;

import dk.sdu.im.api.ApiException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns an IOException met while serving a UCloud path into the ApiException the user sees. The {@code why}
 * names the UCloud path only: the exception's own message holds the local path, so it goes to the log.
 */
final class FileErrors {
    private static final Logger LOG = Logger.getLogger(FileErrors.class.getName());

    /**
     * How the JDK words ENOTDIR and ELOOP, which it passes on as a plain FileSystemException (glibc's strerror
     * text, to which toRealPath adds a clause for ELOOP). A component that is not a directory, or a symlink
     * loop, means the path cannot be reached: "not found" is the honest answer. If the texts ever differ
     * (another libc or locale), such errors fall back to the safe 500 below.
     */
    private static final List<String> UNREACHABLE = List.of("Not a directory", "Too many levels of symbolic links");

    private FileErrors() {
    }

    static ApiException of(IOException e, UCloudPath path) {
        return switch (e) {
            case NoSuchFileException _ -> notFound(path);
            case AccessDeniedException _ -> ApiException.forbidden("Permission denied: " + path);
            case NotDirectoryException _ -> ApiException.badRequest("Not a directory: " + path);
            case FileSystemException fs when unreachable(fs.getReason()) -> notFound(path);
            default -> unexpected(e, path);
        };
    }

    private static boolean unreachable(String reason) {
        return reason != null && UNREACHABLE.stream().anyMatch(reason::startsWith);
    }

    static ApiException notFound(UCloudPath path) {
        return ApiException.notFound("No such file or directory: " + path);
    }

    private static ApiException unexpected(IOException e, UCloudPath path) {
        LOG.log(Level.WARNING, "file call on " + path + " failed", e);
        return ApiException.of(500, "Could not read " + path, null);
    }
}
