package dk.sdu.im.user.transfer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * What one capability token grants: {@code op} on one file, for one UCloud user, until {@code expires}
 * (exclusive). {@code ucloudPath} is the UCloud path the user asked for (its last name is the name the browser
 * saves); {@code localFile} is the real local path it resolved to inside the drive when the token was issued
 * (for an upload: the file or folder to be created, in a real folder of the drive). {@code upload} holds the
 * rest of an upload's terms and is null for downloads; only {@link Operation#UPLOAD} may carry it.
 */
public record Capability(String ucloudUser, String ucloudPath, Path localFile, Operation op, Instant expires,
                         UploadTerms upload) {
    /** A capability without upload terms (every download). */
    public Capability(String ucloudUser, String ucloudPath, Path localFile, Operation op, Instant expires) {
        this(ucloudUser, ucloudPath, localFile, op, expires, null);
    }

    public Capability {
        Objects.requireNonNull(ucloudUser, "ucloudUser");
        Objects.requireNonNull(ucloudPath, "ucloudPath");
        Objects.requireNonNull(localFile, "localFile");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(expires, "expires");
        if (!localFile.isAbsolute()) {
            throw new IllegalArgumentException("a capability names an absolute local path: " + localFile);
        }
        if (upload != null && op != Operation.UPLOAD) {
            throw new IllegalArgumentException("only an upload capability carries upload terms");
        }
    }

    /** True while {@code now} is before {@link #expires()}. */
    public boolean validAt(Instant now) {
        return now.isBefore(expires);
    }
}
