package dk.sdu.im.user.transfer;

import java.nio.charset.StandardCharsets;

/**
 * The {@code Content-Disposition} of a download (RFC 6266): {@code attachment; filename="<fallback>";
 * filename*=UTF-8''<name>}. Browsers use {@code filename*}, the name percent-encoded as UTF-8 (RFC 8187, which
 * replaced RFC 5987); {@code filename} is the fallback for old clients: printable ASCII only, every other
 * character, quote, backslash and percent sign replaced by {@code _}, so no escaping is needed.
 */
final class ContentDisposition {
    private static final String ATTR_CHAR_SYMBOLS = "!#$&+-.^_`|~";

    private ContentDisposition() {
    }

    static String attachment(String fileName) {
        return "attachment; filename=\"" + asciiFallback(fileName) + "\"; filename*=UTF-8''" + encode(fileName);
    }

    static String asciiFallback(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
        return out.toString();
    }

    /** RFC 8187 {@code value-chars}: attr-char as is, every other UTF-8 byte as {@code %XX} (upper-case hex). */
    static String encode(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isAttrChar(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isAttrChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || ATTR_CHAR_SYMBOLS.indexOf(c) >= 0;
    }
}
