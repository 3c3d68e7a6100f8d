package dk.sdu.im.user.files;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Files whose names are given as bytes, for tests of names that are not UTF-8. */
final class LocalNames {
    private LocalNames() {
    }

    /** {@code folder}'s entry whose name is exactly {@code name}, as a path (the JDK keeps a path's bytes). */
    static Path entry(Path folder, byte[] name) {
        StringBuilder uri = new StringBuilder(folder.toUri().toString());
        if (uri.charAt(uri.length() - 1) != '/') {
            uri.append('/');
        }
        for (byte b : name) {
            uri.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
        }
        return Path.of(URI.create(uri.toString()));
    }

    /** Creates the file {@code name} in {@code folder} holding {@code content}. */
    static Path file(Path folder, byte[] name, String content) throws Exception {
        return Files.writeString(entry(folder, name), content);
    }

    /** The bytes of a name written in Java source: each char below 256 is one byte. */
    static byte[] bytes(String latin1) {
        byte[] bytes = new byte[latin1.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) latin1.charAt(i);
        }
        return bytes;
    }
}
