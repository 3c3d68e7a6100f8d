package dk.sdu.im.gateway;

import java.util.Locale;

/**
 * One header field as received: the name with its original spelling, and the value without surrounding
 * whitespace. Both hold ISO-8859-1 characters, i.e. the raw bytes.
 */
record HeaderField(String name, String value) {
    /** Parses a field line strictly (RFC 9112 5): a token name, a colon, no whitespace before it. */
    static HeaderField parse(String line) throws BadHead {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw BadHead.malformed("a header line without a name");
        }
        String name = line.substring(0, colon);
        if (!Tokens.isToken(name)) {
            throw BadHead.malformed("an invalid header name");
        }
        String value = withoutOptionalWhitespace(line.substring(colon + 1));
        if (!validValue(value)) {
            throw BadHead.malformed("a control character in header " + name);
        }
        return new HeaderField(name, value);
    }

    boolean is(String lowerCaseName) {
        return name.toLowerCase(Locale.ROOT).equals(lowerCaseName);
    }

    /** Strips SP and HTAB only (RFC 9110 OWS); {@link String#strip} would also eat control characters. */
    static String withoutOptionalWhitespace(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean validValue(String value) {
        return value.chars().allMatch(c -> c == '\t' || c >= 0x20 && c != 0x7f);
    }
}
