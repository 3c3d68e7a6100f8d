package dk.sdu.im.user.transfer;

import dk.sdu.im.user.files.ConflictPolicy;
import dk.sdu.im.user.files.DriveRoot;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an upload token adds to its {@link Capability}: the drive the target lies in (the walk to it starts at the
 * drive's root), whether it is a file or a folder, the conflict policy as {@link UploadService} resolved it, and
 * {@code uploadId}, 16 random hex digits naming this upload (its partial file is {@code .<name>.upload-<uploadId>},
 * and per-upload state is kept under it, never under the secret token).
 */
public record UploadTerms(DriveRoot drive, UploadKind kind, ConflictPolicy policy, String uploadId) {
    static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

    public UploadTerms {
        Objects.requireNonNull(drive, "drive");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(policy, "policy");
        if (uploadId == null || !ID.matcher(uploadId).matches()) {
            throw new IllegalArgumentException("an upload id is 16 lowercase hex digits: " + uploadId);
        }
    }
}
