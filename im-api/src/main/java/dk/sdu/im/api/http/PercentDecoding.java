package dk.sdu.im.api.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Undoes percent-encoding in a path or query component, strictly: a {@code %} must be followed by two hex
 * digits and the bytes must be UTF-8. Whether {@code +} means a space is the caller's choice: in a path it is
 * data, in a query browsers and Go's {@code url.ParseQuery} read it as a space.
 */
final class PercentDecoding {
    private PercentDecoding() {
    }

    /** @throws IllegalArgumentException if the encoding is malformed or the bytes are not UTF-8 */
    static String decode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && !(plusIsSpace && text.indexOf('+') >= 0)) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                bytes.write(hexByte(text, i + 1));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StrictUtf8.decode(bytes.toByteArray(), 0, bytes.size());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-encoded bytes are not UTF-8", e);
        }
    }

    private static int hexByte(String text, int at) {
        if (at + 2 > text.length()) {
            throw new IllegalArgumentException("truncated percent-encoding");
        }
        return hexDigit(text.charAt(at)) << 4 | hexDigit(text.charAt(at + 1));
    }

    /** The value of an ASCII hex digit; {@link Character#digit} would also accept non-ASCII digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
            return (c | 0x20) - 'a' + 10;
        }
        throw new IllegalArgumentException("invalid hex digit");
    }
}
