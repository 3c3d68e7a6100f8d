package dk.sdu.im.compute.script;

import dk.sdu.im.compute.app.AppParameterValue;
import dk.sdu.im.compute.app.ApplicationParameter;
import dk.sdu.im.compute.script.BoundValues.Bound;
import java.math.BigDecimal;

/**
 * The text a bound value stands for on the command line, as Core's modules define it: text as is, an
 * enumeration's option value for the chosen name, a boolean's true or false word, a number in plain
 * decimal, a file as the local path the resolver gives. Types without a meaning in a batch script are
 * refused, as is NUL in any value; both errors name the parameter.
 */
final class ValueText {
    private final FileResolver files;

    ValueText(FileResolver files) {
        this.files = files;
    }

    String of(Bound bound) {
        return withoutNul(bound.parameter(), raw(bound.parameter(), bound.value()));
    }

    /** {@code text}, refused if it holds NUL; the error names the parameter it came from. */
    static String withoutNul(ApplicationParameter parameter, String text) {
        if (text.indexOf('\0') >= 0) {
            throw new ScriptException("parameter '" + parameter.name() + "' contains a NUL character");
        }
        return text;
    }

    private String raw(ApplicationParameter parameter, AppParameterValue value) {
        return switch (value) {
            case AppParameterValue.Text t -> parameter.type() == ApplicationParameter.Type.ENUMERATION
                    ? optionValue(parameter, t.value()) : t.value();
            case AppParameterValue.Int i -> i.value().toString();
            case AppParameterValue.FloatingPoint f -> plain(f.value());
            case AppParameterValue.Bool b -> booleanWord(parameter, b.value());
            case AppParameterValue.File f -> resolved(parameter, f.path());
            case AppParameterValue.Unsupported u -> throw new ScriptException(
                    "parameter '" + parameter.name() + "' has type " + u.type()
                            + ", which a batch script cannot use yet");
        };
    }

    private static String optionValue(ApplicationParameter parameter, String chosen) {
        return parameter.options().stream()
                .filter(o -> chosen.equals(o.name()))
                .map(o -> o.value() == null ? "" : o.value())
                .findFirst()
                .orElse(chosen);
    }

    private static String booleanWord(ApplicationParameter parameter, boolean value) {
        String word = value ? parameter.trueValue() : parameter.falseValue();
        return word.isEmpty() ? Boolean.toString(value) : word;
    }

    /** A decimal without exponent or trailing zeros ({@code 1.50} is {@code 1.5}, {@code 2.0} is {@code 2}). */
    static String plain(BigDecimal value) {
        if (value == null) {
            return "";
        }
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /** The local path of a file value, as the resolver gives it; refused if it gives none. */
    String resolved(ApplicationParameter parameter, String ucloudPath) {
        String local = files.localPath(ucloudPath);
        if (local == null) {
            throw new ScriptException("file parameter '" + parameter.name() + "' could not be resolved");
        }
        return local;
    }
}
