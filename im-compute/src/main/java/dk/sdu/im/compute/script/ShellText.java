package dk.sdu.im.compute.script;

/**
 * Text a template may write into the script as it is, because it is already bash: a macro's output (the
 * template's own text with every value in it quoted) or what the {@code option} and {@code flag} helpers
 * build from quoted words. Only this package makes one; every other string a template expression yields
 * is a value, and is quoted (see {@link TemplateOutput}).
 */
record ShellText(String text) {
    static final ShellText EMPTY = new ShellText("");

    /** The text itself, so that filters applied to it see the text (and make a value of it again). */
    @Override
    public String toString() {
        return text;
    }
}
