package dk.sdu.im.db;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One UCloud user mapped to one local account. The constructor enforces the same rules the
 * {@link UserMappings} repository enforces on input, so a value of this type is always a valid mapping.
 *
 * @param ucloudUsername the UCloud username, not blank, at most 255 characters, no control characters
 * @param localUsername  the local (POSIX) username, matching {@code ^[a-z_][a-z0-9_-]{0,31}$}
 * @param uid            the local uid, greater than zero (root can never be a mapping target)
 * @param createdAt      when the mapping was established, at millisecond precision as stored
 * @param expiresAt      when the mapping stops being valid, if ever; stored and returned, never enforced here
 */
public record UserMapping(String ucloudUsername, String localUsername, int uid, Instant createdAt,
                          Optional<Instant> expiresAt) {
    static final int MAX_UCLOUD_USERNAME_LENGTH = 255;
    private static final Pattern LOCAL_USERNAME = Pattern.compile("^[a-z_][a-z0-9_-]{0,31}$");

    public UserMapping {
        requireValidUcloudUsername(ucloudUsername);
        requireValidLocalUsername(localUsername);
        requireValidUid(uid);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    static void requireValidUcloudUsername(String ucloudUsername) {
        Objects.requireNonNull(ucloudUsername, "ucloudUsername");
        if (ucloudUsername.isBlank()) {
            throw new IllegalArgumentException("UCloud username must not be blank");
        }
        if (ucloudUsername.length() > MAX_UCLOUD_USERNAME_LENGTH) {
            throw new IllegalArgumentException("UCloud username is longer than " + MAX_UCLOUD_USERNAME_LENGTH
                    + " characters");
        }
        // Control characters (NUL above all) are rejected because PostgreSQL refuses NUL while SQLite
        // stores it: both databases must accept exactly the same names.
        if (ucloudUsername.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("UCloud username must not contain control characters");
        }
    }

    static void requireValidLocalUsername(String localUsername) {
        Objects.requireNonNull(localUsername, "localUsername");
        if (!LOCAL_USERNAME.matcher(localUsername).matches()) {
            throw new IllegalArgumentException("Local username '" + localUsername + "' does not match "
                    + LOCAL_USERNAME.pattern());
        }
    }

    static void requireValidUid(int uid) {
        if (uid <= 0) {
            throw new IllegalArgumentException("uid must be greater than 0, got " + uid);
        }
    }

    /** True if this mapping points the same UCloud user at the same local account (timestamps ignored). */
    boolean sameAccount(String localUsername, int uid) {
        return this.localUsername.equals(localUsername) && this.uid == uid;
    }
}
