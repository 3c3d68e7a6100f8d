package dk.sdu.im.user.transfer;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.user.files.ConflictPolicy;
import dk.sdu.im.user.files.DriveRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A redeemed upload token ({@link UploadService#redeem}): what the protocol handlers need to write the upload.
 *
 * <ul>
 *   <li>{@code ucloudUser}: the user the token was issued to (for logs; the process already runs as that user).
 *   <li>{@code ucloudPath}: the UCloud path of the file or folder being uploaded, with the name RENAME chose.
 *   <li>{@code drive}, {@code target}: the drive and the real local path of that file or folder inside it. For a
 *       FILE the folder it goes in is real and existed when the token was issued; for a FOLDER the folder itself
 *       was created (or found, when merging) then.
 *   <li>{@code kind}, {@code policy}: FILE or FOLDER, and the conflict policy as resolved at creation (a FILE's
 *       RENAME already chose a free name; MERGE_RENAME of a FILE is RENAME).
 *   <li>{@code uploadId}: 16 hex digits naming this upload (the FILE's temporary name uses it).
 *   <li>{@code expires}: when the token stops working; a partial file still open then is the handler's to abort.
 * </ul>
 *
 * <p>{@link #destination} turns a path the browser sends into the place one file goes; a handler then writes it
 * with {@link PartialFile#create}, and commits or aborts it.
 */
public record UploadSession(String ucloudUser, String ucloudPath, DriveRoot drive, Path target, UploadKind kind,
                            ConflictPolicy policy, String uploadId, Instant expires) {
    public UploadSession {
        Objects.requireNonNull(ucloudUser, "ucloudUser");
        Objects.requireNonNull(ucloudPath, "ucloudPath");
        Objects.requireNonNull(drive, "drive");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(expires, "expires");
        if (!target.startsWith(drive.root()) || target.equals(drive.root())) {
            throw new IllegalArgumentException("an upload target lies strictly inside its drive: " + target);
        }
    }

    /**
     * Where the file {@code relPath} of this upload goes. For a FILE upload {@code relPath} must be empty or null
     * (the target itself, as WEBSOCKET_V2 sends it). For a FOLDER upload it is the file's path inside the folder,
     * e.g. {@code sub/dir/x.txt} ({@link RelativePath}: 400 for empty, absolute, {@code .}, {@code ..}, control
     * characters, over-long names); the folders on the way are created one at a time, and a name on the way that
     * is a file (409) or a symbolic link (403) is refused, never followed. The file's own name is not touched
     * here. Inside a folder the policy is REPLACE (a re-sent file replaces its earlier copy, as the Go module
     * does), except under MERGE_RENAME, where a file that is taken gets a free name.
     */
    public Destination destination(String relPath) {
        return switch (kind) {
            case FILE -> fileDestination(relPath);
            case FOLDER -> folderDestination(RelativePath.parse(relPath));
        };
    }

    /** The conflict policy of a file inside this FOLDER upload (see {@link #destination}). */
    ConflictPolicy filePolicyInFolder() {
        return policy == ConflictPolicy.MERGE_RENAME ? ConflictPolicy.RENAME : ConflictPolicy.REPLACE;
    }

    private Destination fileDestination(String relPath) {
        if (relPath != null && !relPath.isEmpty()) {
            throw ApiException.badRequest("This upload is a single file; it has no path inside: " + relPath);
        }
        String folderPath = ucloudPath.substring(0, ucloudPath.lastIndexOf('/'));
        return new Destination(drive, target.getParent(), folderPath, target.getFileName().toString(), policy);
    }

    private Destination folderDestination(RelativePath path) {
        Path directory = target;
        String shown = ucloudPath;
        ConfinedDirectory current = null;
        try {
            current = ConfinedDirectory.open(drive, target);
            for (String name : path.folders()) {
                shown = shown + "/" + name;
                ConfinedDirectory next = current.child(name, true);
                current.close();
                current = next;
                directory = directory.resolve(name);
            }
        } catch (ConfinedDirectory.InTheWay e) {
            throw e.link() ? ApiException.forbidden("Permission denied: " + shown + " is a symbolic link; uploads never follow links")
                    : ApiException.of(409, "A file is in the way of the folder " + shown, null);
        } catch (IOException e) {
            throw UploadErrors.of(e, shown);
        } finally {
            closeQuietly(current);
        }
        return new Destination(drive, directory, shown, path.name(), filePolicyInFolder());
    }

    private static void closeQuietly(ConfinedDirectory directory) {
        if (directory != null) {
            try {
                directory.close();
            } catch (IOException ignored) {
                // a directory stream that fails to close has nothing left to lose
            }
        }
    }
}
