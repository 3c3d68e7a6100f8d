package dk.sdu.im.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which local account each UCloud user runs as. The security rule this repository exists for: the mapping of a
 * UCloud user to a uid never changes silently. A UCloud user has at most one local account and a uid belongs
 * to at most one UCloud user; the schema enforces both with unique constraints, so the rule holds even for
 * concurrent callers in several server processes sharing one database.
 *
 * <p>Thread-safe: every method runs on its own pooled connection. Methods throw {@link DatabaseException} when
 * the database fails and {@link IllegalArgumentException} (or {@link NullPointerException}) for invalid input;
 * see {@link UserMapping} for the input rules.
 */
public interface UserMappings {
    /** The mapping of this UCloud user, expired or not (the caller decides what expiry means). */
    Optional<UserMapping> find(String ucloudUsername);

    /** The mapping that owns this uid, expired or not. */
    Optional<UserMapping> findByUid(int uid);

    /** All mappings, ordered by UCloud username ({@link String#compareTo}, the same on every database). */
    List<UserMapping> list();

    /**
     * Maps a UCloud user to a local account, or confirms the mapping that already exists.
     *
     * <ul>
     *   <li>UCloud user not mapped and uid free: inserts and returns the new mapping, {@code createdAt} taken
     *       from the database's clock at millisecond precision.</li>
     *   <li>UCloud user already mapped to this local username and uid: returns the stored mapping unchanged
     *       (its {@code createdAt} and {@code expiresAt} are kept; the {@code expiresAt} argument is ignored).</li>
     *   <li>UCloud user mapped to another local username or uid, or the uid mapped to another UCloud user:
     *       throws {@link MappingConflict} and changes nothing.</li>
     * </ul>
     *
     * @throws MappingConflict if the request contradicts a stored mapping
     */
    UserMapping establish(String ucloudUsername, String localUsername, int uid, Optional<Instant> expiresAt)
            throws MappingConflict;

    /** Removes the mapping of this UCloud user. Returns whether there was one. */
    boolean remove(String ucloudUsername);
}
