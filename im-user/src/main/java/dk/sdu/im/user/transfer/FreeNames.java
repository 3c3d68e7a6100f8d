package dk.sdu.im.user.transfer;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.user.files.ConflictNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Free file names for the RENAME rule of uploads: {@code name(1).ext}, {@code name(2).ext}, ..., named by
 * {@link ConflictNames#candidate}, the rule of every other file call. What differs is only how a name is tested:
 * uploads test names in a confined folder (an lstat through {@code ConfinedDirectory}) rather than in a slot.
 */
final class FreeNames {
    static final int MAX_ATTEMPTS = 10_000;

    private FreeNames() {
    }

    /** Whether a name is taken in the folder at hand (an lstat: a link or a folder takes it too). */
    @FunctionalInterface
    interface Taken {
        boolean test(String name) throws IOException;
    }

    /** {@code name} if free, else the first free {@link #candidate}; 409 after {@link #MAX_ATTEMPTS} taken names. */
    static String free(String name, Taken taken, String shownFolder) throws IOException {
        if (!taken.test(name)) {
            return name;
        }
        for (int n = 1; n <= MAX_ATTEMPTS; n++) {
            String candidate = ConflictNames.candidate(name, false, n);
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
        throw ApiException.of(409, "No free name for " + name + " in " + shownFolder + " after " + MAX_ATTEMPTS
                + " tries; choose another name or folder", null);
    }

    static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
