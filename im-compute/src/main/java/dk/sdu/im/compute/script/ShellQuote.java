package dk.sdu.im.compute.script;

/**
 * Bash's quoting for untrusted text: one single-quoted word, {@code '} written as {@code '\''}. Inside single
 * quotes bash interprets nothing, so spaces, newlines, {@code $()}, backticks and double quotes stay literal.
 * NUL cannot be passed to a program at all and is refused (callers check first, to name the parameter).
 */
final class ShellQuote {
    private ShellQuote() {
    }

    static String word(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new ScriptException("a value contains a NUL character");
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** A shell variable name: what {@code export NAME=} and {@code ${NAME}} accept. */
    static boolean isIdentifier(String name) {
        if (name.isEmpty() || !(isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
            return false;
        }
        return name.chars().allMatch(c -> isLetter(c) || c == '_' || (c >= '0' && c <= '9'));
    }

    private static boolean isLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
