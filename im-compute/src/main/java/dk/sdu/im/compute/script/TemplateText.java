package dk.sdu.im.compute.script;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The text of a value inside a template, for output and for the helpers: nothing for none, floating
 * points in plain decimal as {@link ValueText} writes them (also the results of template arithmetic, so
 * {@code 4 / 2} is {@code 2}), {@code true}/{@code false}, shell text as it is, anything else as the
 * engine prints it.
 */
final class TemplateText {
    private TemplateText() {
    }

    static String of(Object value) {
        return switch (value) {
            case null -> "";
            case ShellText shell -> shell.text();
            case Double d when Double.isFinite(d) -> ValueText.plain(BigDecimal.valueOf(d));
            default -> Objects.toString(value);
        };
    }

    /** Whether the value's text is bash-inert by its type (digits, signs, dots, letters): no quoting needed. */
    static boolean isInert(Object value) {
        return value instanceof Number || value instanceof Boolean;
    }
}
