package dk.sdu.im.user.transfer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * What one capability token grants: {@code op} on one file, for one UCloud user, until {@code expires}
 * (exclusive). {@code ucloudPath} is the UCloud path the user asked for (its last name is the name the browser
 * saves); {@code localFile} is the real local path it resolved to inside the drive when the token was issued.
 */
public record Capability(String ucloudUser, String ucloudPath, Path localFile, Operation op, Instant expires) {
    public Capability {
        Objects.requireNonNull(ucloudUser, "ucloudUser");
        Objects.requireNonNull(ucloudPath, "ucloudPath");
        Objects.requireNonNull(localFile, "localFile");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(expires, "expires");
        if (!localFile.isAbsolute()) {
            throw new IllegalArgumentException("a capability names an absolute local path: " + localFile);
        }
    }

    /** True while {@code now} is before {@link #expires()}. */
    public boolean validAt(Instant now) {
        return now.isBefore(expires);
    }
}
