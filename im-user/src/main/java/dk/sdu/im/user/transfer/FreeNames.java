package dk.sdu.im.user.transfer;

import dk.sdu.im.api.ApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Free file names for the RENAME rule: {@code name(1).ext}, {@code name(2).ext}, ... The rule is exactly the
 * one of {@code files.ConflictNames} (the extension is what follows the last dot unless that dot is first or
 * last; a name that would pass 255 bytes has its base shortened), which is package-private in its package;
 * uploads only ever name files, so the folder variant is not here.
 */
final class FreeNames {
    static final int MAX_ATTEMPTS = 10_000;
    private static final int MAX_NAME_BYTES = 255;

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
            String candidate = candidate(name, n);
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
        throw ApiException.of(409, "No free name for " + name + " in " + shownFolder + " after " + MAX_ATTEMPTS
                + " tries; choose another name or folder", null);
    }

    /** The {@code n}th name for the file {@code name}: {@code base(n).ext}. */
    static String candidate(String name, int n) {
        int dot = name.lastIndexOf('.');
        boolean hasExtension = dot > 0 && dot < name.length() - 1;
        String base = hasExtension ? name.substring(0, dot) : name;
        String extension = hasExtension ? name.substring(dot) : "";
        String suffix = "(" + n + ")";
        if (bytes(suffix + extension) >= MAX_NAME_BYTES) {
            base = name;
            extension = "";
        }
        return shorten(base, MAX_NAME_BYTES - bytes(suffix + extension)) + suffix + extension;
    }

    /** {@code s} cut at a code point boundary to at most {@code maxBytes} bytes of UTF-8. */
    static String shorten(String s, int maxBytes) {
        String cut = s;
        while (bytes(cut) > maxBytes) {
            cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
        }
        return cut;
    }

    static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
