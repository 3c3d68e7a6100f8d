package dk.sdu.im.config;

/**
 * Thrown by a {@link ValueParser} when a scalar does not have the expected form. {@link YamlSection}
 * turns it into a {@link ConfigException} at the value's position, reading
 * {@code <key path> <rule>, but is <value>. <fix>}. The value is left out when the file is sensitive or
 * the parser found something secret-looking in it (a password in a URL).
 */
final class InvalidValue extends Exception {
    private final String rule;
    private final String fix;
    private final boolean showValue;

    /**
     * @param rule what the value must be, phrased to follow the key, e.g. "must be a loopback address"
     * @param fix how to fix it, a full sentence ending with a period
     */
    InvalidValue(String rule, String fix) {
        this(rule, fix, true);
    }

    private InvalidValue(String rule, String fix, boolean showValue) {
        super(rule, null, false, false);
        this.rule = rule;
        this.fix = fix;
        this.showValue = showValue;
    }

    /** Like the constructor, but the message will not quote the value. */
    static InvalidValue hidingValue(String rule, String fix) {
        return new InvalidValue(rule, fix, false);
    }

    String rule() {
        return rule;
    }

    String fix() {
        return fix;
    }

    boolean showValue() {
        return showValue;
    }
}
