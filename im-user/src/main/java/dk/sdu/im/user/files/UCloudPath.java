package dk.sdu.im.user.files;

import dk.sdu.im.api.ApiException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A UCloud path {@code /<driveId>/<names...>} that passed the syntactic checks: at most 4096 bytes of UTF-8,
 * no control characters, no {@code .}, {@code ..} or empty components (a trailing slash is allowed), each
 * name at most 255 bytes, and the first component is the drive's id. {@link #toString()} is the canonical
 * form (no trailing slash) used in replies and error texts.
 */
record UCloudPath(String driveId, List<String> names) {
    static final int MAX_PATH_BYTES = 4096;
    static final int MAX_NAME_BYTES = 255;

    UCloudPath {
        names = List.copyOf(names);
    }

    /** Parses a path given by UCloud; 400 for bad syntax, 403 for another drive's path. */
    static UCloudPath parse(String raw, String driveId) {
        if (raw == null || raw.isEmpty()) {
            throw ApiException.badRequest("A path is required");
        }
        checkCharacters(raw);
        if (raw.charAt(0) != '/') {
            throw ApiException.badRequest("A path must start with /<drive id>: " + raw);
        }
        List<String> parts = Arrays.asList(raw.substring(1).split("/", -1));
        if (parts.size() > 1 && parts.getLast().isEmpty()) {
            parts = parts.subList(0, parts.size() - 1);
        }
        parts.forEach(name -> checkName(name, raw));
        if (!parts.getFirst().equals(driveId)) {
            throw ApiException.forbidden("Not one of your drives: /" + parts.getFirst());
        }
        return new UCloudPath(driveId, parts.subList(1, parts.size()));
    }

    /** The lexical local path under {@code root}; nothing on disk is consulted. */
    Path under(Path root) {
        Path path = root;
        try {
            for (String name : names) {
                path = path.resolve(name);
            }
        } catch (InvalidPathException e) {
            throw ApiException.badRequest("The path has characters this system cannot store: " + this);
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

    private static void checkCharacters(String raw) {
        int bytes = raw.length() > MAX_PATH_BYTES ? raw.length() : utf8Length(raw);
        if (bytes < 0) {
            throw ApiException.badRequest("A path must be valid Unicode");
        }
        if (bytes > MAX_PATH_BYTES) {
            throw ApiException.badRequest("A path must be at most " + MAX_PATH_BYTES + " bytes long");
        }
        for (int i = 0; i < raw.length(); i++) {
            if (Character.isISOControl(raw.charAt(i))) {
                throw ApiException.badRequest("A path must not contain control characters");
            }
        }
    }

    private static void checkName(String name, String raw) {
        if (name.isEmpty()) {
            throw ApiException.badRequest("A path must not contain empty components: " + raw);
        }
        if (name.equals(".") || name.equals("..")) {
            throw ApiException.badRequest("A path must not contain . or .. components: " + raw);
        }
        if (utf8Length(name) > MAX_NAME_BYTES) {
            throw ApiException.badRequest("A file name must be at most " + MAX_NAME_BYTES + " bytes long");
        }
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
