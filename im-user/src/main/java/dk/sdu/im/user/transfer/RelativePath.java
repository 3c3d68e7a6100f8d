package dk.sdu.im.user.transfer;

import dk.sdu.im.api.ApiException;
import java.util.Arrays;
import java.util.List;

/**
 * The path of one file inside a FOLDER upload, as the browser sends it ({@code sub/dir/x.txt}, contract 6.2
 * {@code relPath}), after the syntactic checks: not empty, relative (no leading {@code /}), no empty, {@code .}
 * or {@code ..} components, no control characters (NUL included), valid Unicode, each name at most 255 bytes
 * of UTF-8 and the whole at most 4096. Untrusted input; 400 for anything else. A backslash is an ordinary
 * character of a Linux file name and is kept as such.
 */
record RelativePath(List<String> names) {
    static final int MAX_PATH_BYTES = 4096;
    static final int MAX_NAME_BYTES = 255;

    RelativePath {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a relative path has at least one name");
        }
    }

    static RelativePath parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw ApiException.badRequest("A file of a folder upload needs a path inside the folder");
        }
        if (raw.charAt(0) == '/') {
            throw ApiException.badRequest("A path inside an uploaded folder must be relative: " + raw);
        }
        if (raw.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw ApiException.badRequest("A path inside an uploaded folder must not contain control characters");
        }
        if (!isValidUnicode(raw) || FreeNames.bytes(raw) > MAX_PATH_BYTES) {
            throw ApiException.badRequest("A path inside an uploaded folder must be valid Unicode of at most "
                    + MAX_PATH_BYTES + " bytes");
        }
        List<String> names = Arrays.asList(raw.split("/", -1));
        names.forEach(name -> checkName(name, raw));
        return new RelativePath(names);
    }

    /**
     * {@code raw} checked as one file name (the last name of a FILE upload's path): not empty, {@code .} or
     * {@code ..}, no {@code /}, no control characters, valid Unicode, at most 255 bytes; 400 otherwise.
     */
    static String name(String raw) {
        if (raw == null || raw.isEmpty() || raw.equals(".") || raw.equals("..") || raw.indexOf('/') >= 0) {
            throw ApiException.badRequest("Not a file name: '" + (raw == null ? "" : raw) + "'");
        }
        if (raw.chars().anyMatch(c -> Character.isISOControl(c)) || !isValidUnicode(raw)) {
            throw ApiException.badRequest("A file name must be valid Unicode without control characters");
        }
        if (FreeNames.bytes(raw) > MAX_NAME_BYTES) {
            throw ApiException.badRequest("A file name must be at most " + MAX_NAME_BYTES + " bytes long");
        }
        return raw;
    }

    /** The folders on the way, outermost first (empty for a file directly in the uploaded folder). */
    List<String> folders() {
        return names.subList(0, names.size() - 1);
    }

    /** The file's own name. */
    String name() {
        return names.getLast();
    }

    @Override
    public String toString() {
        return String.join("/", names);
    }

    private static void checkName(String name, String raw) {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw ApiException.badRequest("A path inside an uploaded folder must not contain empty, . or .. components: " + raw);
        }
        if (FreeNames.bytes(name) > MAX_NAME_BYTES) {
            throw ApiException.badRequest("A file name must be at most " + MAX_NAME_BYTES + " bytes long");
        }
    }

    private static boolean isValidUnicode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
