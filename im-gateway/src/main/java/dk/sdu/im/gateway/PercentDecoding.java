package dk.sdu.im.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Undoes percent-encoding in a URL component, strictly: a {@code %} must be followed by two hex digits.
 * Unlike {@link java.net.URLDecoder} it leaves {@code +} alone, because in the values the gateway reads
 * (base64 in {@code usernameHint}, path segments) a {@code +} is data, not a space. Bytes are decoded as
 * UTF-8 with replacement; callers compare the result, they never trust it.
 */
final class PercentDecoding {
    private PercentDecoding() {
    }

    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                bytes.write(hexByte(text, i + 1));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hexByte(String text, int at) {
        if (at + 2 > text.length()) {
            throw new IllegalArgumentException("truncated percent-encoding");
        }
        return hexDigit(text.charAt(at)) << 4 | hexDigit(text.charAt(at + 1));
    }

    /** The value of an ASCII hex digit; {@link Character#digit} would also accept non-ASCII digits. */
    static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
            return (c | 0x20) - 'a' + 10;
        }
        throw new IllegalArgumentException("invalid hex digit");
    }
}
