package dk.sdu.im.config;

import java.util.regex.Pattern;

/**
 * Accepts names that match a pattern, such as provider ids and product names.
 *
 * @param pattern the whole name must match
 * @param rule the pattern in words, e.g. "1 to 64 lower-case letters, digits or '-'"
 * @param example a valid name to show in the fix
 */
record NamePattern(Pattern pattern, String rule, String example) implements ValueParser<String> {
    static final NamePattern PROVIDER_ID = new NamePattern(Pattern.compile("[a-z0-9][a-z0-9-]{0,63}"),
            "1 to 64 lower-case letters, digits or '-', not starting with '-' (it appears in URL paths)", "slurm");
    static final NamePattern PRODUCT_NAME = new NamePattern(Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}"),
            "1 to 64 letters, digits, '_' or '-', not starting with '_' or '-'", "cpu-1");
    static final NamePattern LOCAL_USER = new NamePattern(Pattern.compile("[a-z_][a-z0-9_-]{0,31}"),
            "a Unix user name: 1 to 32 lower-case letters, digits, '_' or '-', starting with a letter or '_'", "alice");

    @Override
    public String parse(String text) throws InvalidValue {
        if (!pattern.matcher(text).matches()) {
            throw new InvalidValue("must be " + rule, "Use a name like '" + example + "'.");
        }
        return text;
    }

    /** Whether {@code text} is a valid name; for record invariants and for names written as keys. */
    boolean matches(String text) {
        return pattern.matcher(text).matches();
    }
}
