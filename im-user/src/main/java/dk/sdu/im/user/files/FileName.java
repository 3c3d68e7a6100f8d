package dk.sdu.im.user.files;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * One file name both as the kernel stores it (bytes: anything but {@code /} and NUL) and as UCloud knows it (text),
 * so that names round-trip byte for byte (DESIGN 4.8) whatever they hold.
 *
 * <p>The text of a name is its UTF-8 decoding, except that each byte which is not part of valid UTF-8, and each
 * byte of a literal U+FFFD (EF BF BD), is written as U+FFFD followed by the byte in two upper-case hex digits:
 * {@code bad\xffutf8} is {@code bad�FFutf8}, {@code bad\xfeutf8} is {@code bad�FEutf8} and
 * {@code bad\xef\xbf\xbdutf8} is {@code bad�EF�BF�BDutf8}. The JVM's own decoding would show all three as
 * {@code bad�utf8} and could open only the last. Since a U+FFFD in the text always starts an escape, no two names
 * share a text, and a valid name that merely looks like an escape ({@code bad�FFutf8} in UTF-8) has a text of its
 * own ({@code bad�EF�BF�BDFFutf8}).
 *
 * <p>Trust: texts come from UCloud. {@link #parse} accepts exactly the texts {@link #of} gives, so a text names
 * at most one file; any other U+FFFD (alone, lower-case hex, or escaping bytes that are valid UTF-8) is refused.
 *
 * <p>Independent of the locale: names whose decoding by the JVM ({@code sun.jnu.encoding}) might have lost bytes
 * go through the JDK's {@code file:} URIs, which carry a path's bytes exactly; other names take the fast way.
 * Immutable.
 */
final class FileName {
    static final char MARK = '\uFFFD';
    private static final boolean UTF8_PATHS = "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"));
    /** A directory that does not exist: {@link Path#toUri} stats the path it is given, to add a slash to folders. */
    private static final Path NOWHERE = Path.of("/nonexistent-ucloud-im-name");
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final String text;
    private final byte[] bytes;

    private FileName(String text, byte[] bytes) {
        this.text = text;
        this.bytes = bytes;
    }

    /** The text of the last name of {@code entry}, a path listed from a directory. */
    static String textOf(Path entry) {
        Path name = entry.getFileName();
        String decoded = name.toString();
        if (decoded.indexOf(MARK) < 0 && (UTF8_PATHS || isAscii(decoded))) {
            return decoded;
        }
        String uri = NOWHERE.resolve(name).toUri().getRawPath();
        return text(percentDecoded(uri.substring(NOWHERE.toString().length() + 1)));
    }

    /** The exact bytes of the absolute path {@code path} (the drive root, configured by the administrator). */
    static byte[] bytesOf(Path path) {
        String decoded = path.toString();
        if (decoded.indexOf(MARK) < 0 && (UTF8_PATHS || isAscii(decoded))) {
            return decoded.getBytes(StandardCharsets.UTF_8);
        }
        return percentDecoded(path.toUri().getRawPath());
    }

    /** The name UCloud calls {@code text}, or null when no listed name has that text (see the class comment). */
    static FileName parse(String text) {
        if (text.indexOf(MARK) < 0) {
            return UCloudPath.utf8Length(text) < 0 ? null : new FileName(text, text.getBytes(StandardCharsets.UTF_8));
        }
        byte[] raw = unescape(text);
        return raw != null && text(raw).equals(text) ? new FileName(text, raw) : null;
    }

    /** The text UCloud sees. */
    String text() {
        return text;
    }

    /** How many bytes the name has on disk. */
    int length() {
        return bytes.length;
    }

    /** The bytes on disk. */
    byte[] bytes() {
        return bytes.clone();
    }

    /** This name as a relative path of one name, with exactly its bytes. */
    Path path() {
        if (text.indexOf(MARK) < 0 && (UTF8_PATHS || isAscii(text))) {
            return Path.of(text);
        }
        StringBuilder uri = new StringBuilder("file:///x/");
        for (byte b : bytes) {
            uri.append('%').append(HEX.toHexDigits(b));
        }
        return Path.of(URI.create(uri.toString())).getFileName();
    }

    /** The text of the name with these bytes. */
    static String text(byte[] raw) {
        StringBuilder out = new StringBuilder(raw.length);
        int i = 0;
        while (i < raw.length) {
            int length = validLength(raw, i);
            int codePoint = length == 0 ? -1 : codePoint(raw, i, length);
            if (codePoint < 0 || codePoint == MARK) {
                int escaped = Math.max(length, 1);
                for (int j = i; j < i + escaped; j++) {
                    out.append(MARK).append(HEX.toHexDigits(raw[j]));
                }
                i += escaped;
            } else {
                out.appendCodePoint(codePoint);
                i += length;
            }
        }
        return out.toString();
    }

    /** The bytes the escapes and characters of {@code text} stand for; null for a stray U+FFFD or surrogate. */
    private static byte[] unescape(String text) {
        var out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (codePoint == MARK) {
                if (i + 3 > text.length() || !isUpperHex(text.charAt(i + 1)) || !isUpperHex(text.charAt(i + 2))) {
                    return null;
                }
                out.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
                i += 3;
            } else if (Character.isSurrogate(text.charAt(i)) && Character.charCount(codePoint) == 1) {
                return null;
            } else {
                out.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return out.toByteArray();
    }

    /**
     * The bytes of the raw path of a {@code file:} URI made by {@link Path#toUri}, which percent-encodes every byte
     * but a few ASCII characters; a trailing slash (added for folders) is dropped.
     */
    private static byte[] percentDecoded(String encoded) {
        String raw = encoded.length() > 1 && encoded.endsWith("/") ? encoded.substring(0, encoded.length() - 1) : encoded;
        var out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                out.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    /** The length of the valid UTF-8 sequence (RFC 3629: no overlongs, surrogates or code points past U+10FFFF) at {@code i}, or 0. */
    private static int validLength(byte[] raw, int i) {
        int first = raw[i] & 0xff;
        if (first < 0x80) {
            return 1;
        }
        int length;
        int low = 0x80;
        int high = 0xBF;
        if (first >= 0xC2 && first <= 0xDF) {
            length = 2;
        } else if (first >= 0xE0 && first <= 0xEF) {
            length = 3;
            low = first == 0xE0 ? 0xA0 : low;
            high = first == 0xED ? 0x9F : high;
        } else if (first >= 0xF0 && first <= 0xF4) {
            length = 4;
            low = first == 0xF0 ? 0x90 : low;
            high = first == 0xF4 ? 0x8F : high;
        } else {
            return 0;
        }
        if (i + length > raw.length) {
            return 0;
        }
        for (int j = 1; j < length; j++) {
            int next = raw[i + j] & 0xff;
            if (next < (j == 1 ? low : 0x80) || next > (j == 1 ? high : 0xBF)) {
                return 0;
            }
        }
        return length;
    }

    private static int codePoint(byte[] raw, int i, int length) {
        return length == 1 ? raw[i] : new String(raw, i, length, StandardCharsets.UTF_8).codePointAt(0);
    }

    private static boolean isUpperHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    @Override
    public String toString() {
        return text;
    }
}
