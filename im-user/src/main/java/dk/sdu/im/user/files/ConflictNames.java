package dk.sdu.im.user.files;

import dk.sdu.im.api.ApiException;
import java.io.IOException;

/**
 * Free names for the RENAME rule, as UCloud's own module makes them: {@code name(1).ext}, {@code name(2).ext},
 * ... for a file with an extension, {@code name(1)} for a folder or a name without one.
 *
 * <p>The extension is what follows the last dot, so {@code a.tar.gz} becomes {@code a.tar(1).gz} (the rule stays
 * one simple rule; UCloud's module does the same). A dot at the start does not start an extension
 * ({@code .bashrc} becomes {@code .bashrc(1)}, {@code .config.yml} becomes {@code .config(1).yml}), nor does one
 * at the end ({@code notes.} becomes {@code notes.(1)}). A folder never has an extension ({@code v1.2} becomes
 * {@code v1.2(1)}). A name that already ends in {@code (1)} is not renumbered: {@code a(1).txt} becomes
 * {@code a(1)(1).txt}, as in UCloud's module. When the new name would pass 255 bytes, the base is shortened.
 *
 * <p>Names are tried in order, each with one lstat, up to {@link #MAX_ATTEMPTS}; after that the call fails with
 * 409. A name found free can be taken before it is used (another process of the user); the callers say what then
 * happens.
 */
public final class ConflictNames {
    static final int MAX_ATTEMPTS = 10_000;

    private ConflictNames() {
    }

    /** The first free name for {@code taken} in its folder, as a slot there. */
    static Slot free(Slot taken, boolean directory) throws IOException {
        return free(taken, directory, MAX_ATTEMPTS);
    }

    static Slot free(Slot taken, boolean directory, int maxAttempts) throws IOException {
        for (int n = 1; n <= maxAttempts; n++) {
            String name = candidate(taken.name(), directory, n);
            if (!Kind.of(taken.folder(), name).exists()) {
                return taken.renamed(name);
            }
        }
        throw ApiException.of(409, "No free name for " + taken.path() + " after " + maxAttempts
                + " tries; choose another name or folder", null);
    }

    /** The {@code n}th name for {@code name}: {@code base(n).ext}. */
    public static String candidate(String name, boolean directory, int n) {
        int dot = directory ? -1 : extensionDot(name);
        String base = dot < 0 ? name : name.substring(0, dot);
        String extension = dot < 0 ? "" : name.substring(dot);
        String suffix = "(" + n + ")";
        if (UCloudPath.utf8Length(suffix + extension) >= UCloudPath.MAX_NAME_BYTES) {
            base = name;
            extension = "";
        }
        return shorten(base, UCloudPath.MAX_NAME_BYTES - UCloudPath.utf8Length(suffix + extension)) + suffix + extension;
    }

    /** Where the extension starts, or -1: the last dot, unless it is the first or the last character. */
    static int extensionDot(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1 ? -1 : dot;
    }

    /**
     * {@code s} cut at a code point boundary to at most {@code maxBytes} bytes of UTF-8, and never inside the escape
     * of a byte that is not UTF-8 ({@link FileName}: U+FFFD and two hex digits), which would make it another name.
     */
    public static String shorten(String s, int maxBytes) {
        String cut = s;
        while (UCloudPath.utf8Length(cut) > maxBytes) {
            cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
        }
        int mark = cut.lastIndexOf(FileName.MARK);
        return mark >= 0 && mark > cut.length() - 3 ? cut.substring(0, mark) : cut;
    }
}
