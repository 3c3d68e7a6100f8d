package dk.sdu.im.gateway;

/** The RFC 9110 {@code token} grammar: method names, header names, transfer codings. */
final class Tokens {
    private static final String SPECIAL = "!#$%&'*+-.^_`|~";

    private Tokens() {
    }

    static boolean isToken(String text) {
        return !text.isEmpty() && text.chars().allMatch(Tokens::isTokenChar);
    }

    private static boolean isTokenChar(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || SPECIAL.indexOf(c) >= 0;
    }
}
