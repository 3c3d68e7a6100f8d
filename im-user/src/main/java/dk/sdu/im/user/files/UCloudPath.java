package dk.sdu.im.user.files;

import dk.sdu.im.api.ApiException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A UCloud path {@code /<driveId>/<names...>} that passed the syntactic checks: valid Unicode, no control
 * characters, no {@code .}, {@code ..} or empty components (a trailing slash is allowed), each name the text of a
 * file name ({@link FileName}: a U+FFFD only where it escapes a byte that is not UTF-8) of at most 255 bytes on disk,
 * at most 4096 bytes on disk in all, and the first component is the drive's id. {@link #toString()} is the
 * canonical form (no trailing slash) used in replies and error texts.
 */
record UCloudPath(String driveId, List<String> names) {
    static final int MAX_PATH_BYTES = 4096;
    static final int MAX_NAME_BYTES = 255;
    /** No path of 4096 bytes on disk has a longer text: a byte that is not UTF-8 takes three chars (U+FFFD, hex). */
    private static final int MAX_PATH_CHARS = 3 * MAX_PATH_BYTES;

    UCloudPath {
        names = List.copyOf(names);
    }

    /** Parses a path given by UCloud; 400 for bad syntax, 403 for another drive's path. */
    static UCloudPath parse(String raw, String driveId) {
        if (raw == null || raw.isEmpty()) {
            throw ApiException.badRequest("A path is required");
        }
        if (raw.length() > MAX_PATH_CHARS) {
            throw tooLong();
        }
        checkCharacters(raw);
        if (raw.charAt(0) != '/') {
            throw ApiException.badRequest("A path must start with /<drive id>: " + raw);
        }
        List<String> parts = Arrays.asList(raw.substring(1).split("/", -1));
        if (parts.size() > 1 && parts.getLast().isEmpty()) {
            parts = parts.subList(0, parts.size() - 1);
        }
        int bytes = parts.size() + (raw.endsWith("/") && parts.size() > 1 ? 1 : 0);
        for (String name : parts) {
            bytes += checkName(name, raw);
        }
        if (bytes > MAX_PATH_BYTES) {
            throw tooLong();
        }
        if (!parts.getFirst().equals(driveId)) {
            throw ApiException.forbidden("Not one of your drives: /" + parts.getFirst());
        }
        return new UCloudPath(driveId, parts.subList(1, parts.size()));
    }

    /** The lexical local path under {@code root}, with each name's exact bytes; nothing on disk is consulted. */
    Path under(Path root) {
        Path path = root;
        for (String name : names) {
            path = path.resolve(FileName.parse(name).path());
        }
        return path;
    }

    /** The UCloud path of the entry {@code name} in this folder. */
    String child(String name) {
        return this + "/" + name;
    }

    /** Whether this is the drive itself ({@code /<driveId>}). */
    boolean isRoot() {
        return names.isEmpty();
    }

    /** The folder this path is in; the drive itself has none. */
    UCloudPath parent() {
        if (isRoot()) {
            throw new IllegalStateException("the drive root has no parent");
        }
        return new UCloudPath(driveId, names.subList(0, names.size() - 1));
    }

    /** The last name of this path; the drive itself has none. */
    String name() {
        if (isRoot()) {
            throw new IllegalStateException("the drive root has no name");
        }
        return names.getLast();
    }

    /** The path of the entry {@code name} in this folder. */
    UCloudPath resolve(String name) {
        var all = new java.util.ArrayList<>(names);
        all.add(name);
        return new UCloudPath(driveId, all);
    }

    @Override
    public String toString() {
        return names.isEmpty() ? "/" + driveId : "/" + driveId + "/" + String.join("/", names);
    }

    private static ApiException tooLong() {
        return ApiException.badRequest("A path must be at most " + MAX_PATH_BYTES + " bytes long");
    }

    private static void checkCharacters(String raw) {
        if (utf8Length(raw) < 0) {
            throw ApiException.badRequest("A path must be valid Unicode");
        }
        for (int i = 0; i < raw.length(); i++) {
            if (Character.isISOControl(raw.charAt(i))) {
                throw ApiException.badRequest("A path must not contain control characters");
            }
        }
    }

    /** Checks one name of {@code raw}; returns its length in bytes on disk. */
    private static int checkName(String name, String raw) {
        if (name.isEmpty()) {
            throw ApiException.badRequest("A path must not contain empty components: " + raw);
        }
        if (name.equals(".") || name.equals("..")) {
            throw ApiException.badRequest("A path must not contain . or .. components: " + raw);
        }
        FileName file = FileName.parse(name);
        if (file == null) {
            throw ApiException.badRequest("A name may hold U+FFFD only as listed, followed by the two upper-case hex "
                    + "digits of a byte that is not UTF-8: " + raw);
        }
        if (file.length() > MAX_NAME_BYTES) {
            throw ApiException.badRequest("A file name must be at most " + MAX_NAME_BYTES + " bytes long");
        }
        return file.length();
    }

    /** The UTF-8 length, or -1 for a string with an unpaired surrogate (it has no UTF-8 form). */
    static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (!Character.isSurrogate(c)) {
                bytes += 3;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                return -1;
            }
        }
        return bytes;
    }
}
