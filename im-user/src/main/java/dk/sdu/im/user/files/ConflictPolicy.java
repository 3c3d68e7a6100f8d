package dk.sdu.im.user.files;

import dk.sdu.im.api.ApiException;
import java.util.Locale;

/**
 * What createFolder, move and copy do when the destination name is taken (contract 3.4.3).
 *
 * <ul>
 *   <li>{@link #RENAME}: use the first free name of {@link ConflictNames} ({@code name(1).ext}, {@code dir(1)}).
 *   <li>{@link #REJECT}: refuse with 409 "A file already exists at /12/x"; nothing changes.
 *   <li>{@link #REPLACE}: the existing entry (file, link or whole tree) gives way to the new one.
 *   <li>{@link #MERGE_RENAME}: a folder onto a folder merges their contents, recursively; an entry that is taken
 *       inside is renamed as with RENAME. Anything else (a file, a link, a folder onto a file) is RENAME.
 * </ul>
 */
public enum ConflictPolicy {
    RENAME, REJECT, REPLACE, MERGE_RENAME;

    /**
     * Core's string, in any letter case (Go does not validate enums, contract 1.3). A missing value is REJECT, the
     * one policy that can neither lose nor duplicate data; an unknown one is 400.
     */
    public static ConflictPolicy of(String wire) {
        if (wire == null || wire.isBlank()) {
            return REJECT;
        }
        try {
            return valueOf(wire.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Unknown conflictPolicy; expected RENAME, REJECT, REPLACE or MERGE_RENAME");
        }
    }
}
