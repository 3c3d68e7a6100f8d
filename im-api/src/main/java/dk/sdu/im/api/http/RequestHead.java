package dk.sdu.im.api.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request head parsed strictly (RFC 9112 3 and 5): request line {@code method SP target SP version}, field
 * lines {@code name ":" OWS value OWS} with a token for a name, no line folding and no control characters.
 *
 * @param fields values by lower-case name, trimmed, in the order received
 */
record RequestHead(String method, String target, String version, Map<String, List<String>> fields) {
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    /** @throws Refusal (400) naming what is malformed */
    static RequestHead parse(List<String> lines) throws Refusal {
        String[] requestLine = lines.getFirst().split(" ", -1);
        if (requestLine.length != 3 || !isToken(requestLine[0]) || requestLine[1].isEmpty()) {
            throw Refusal.badRequest("The request line is malformed");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            addField(fields, line);
        }
        return new RequestHead(requestLine[0], requestLine[1], requestLine[2], fields);
    }

    /** Every value of the field, empty if absent. */
    List<String> values(String lowerCaseName) {
        return fields.getOrDefault(lowerCaseName, List.of());
    }

    /** Whether the comma-separated list in the field holds the token, compared case-insensitively. */
    boolean hasToken(String lowerCaseName, String token) {
        for (String value : values(lowerCaseName)) {
            for (String element : value.split(",")) {
                if (withoutOptionalWhitespace(element).equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void addField(Map<String, List<String>> fields, String line) throws Refusal {
        String value = fieldValue(line);
        fields.computeIfAbsent(line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                .add(value);
    }

    /**
     * The trimmed value of one field line (a header or a chunked body's trailer), after checking its form.
     *
     * @throws Refusal (400) if the name is not a token followed by a colon or the value holds a control character
     */
    static String fieldValue(String line) throws Refusal {
        int colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.substring(0, colon))) {
            throw Refusal.badRequest("A header field line of the request is malformed");
        }
        String value = withoutOptionalWhitespace(line.substring(colon + 1));
        if (!isFieldValue(value)) {
            throw Refusal.badRequest("A header field value of the request holds a control character");
        }
        return value;
    }

    /** Without leading and trailing OWS, which is spaces and tabs only (RFC 9110 5.6.3). */
    static String withoutOptionalWhitespace(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alphanumeric && TOKEN_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Visible ASCII, spaces, tabs and obs-text (bytes 0x80-0xFF); no other control character. */
    private static boolean isFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
