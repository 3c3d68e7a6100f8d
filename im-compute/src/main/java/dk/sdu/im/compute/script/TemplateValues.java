package dk.sdu.im.compute.script;

import dk.sdu.im.compute.app.AppParameterValue;
import dk.sdu.im.compute.app.ApplicationParameter;
import dk.sdu.im.compute.script.BoundValues.Bound;
import java.util.HashMap;
import java.util.Map;

/**
 * The variables a template sees, as Core's Go module binds them: each parameter that has a value (the
 * user's or its default) under its own name; an optional one without either is absent, so it is none in
 * the template. Text, textarea and enumeration values are their text as given (an enumeration's chosen
 * value, not mapped through its options), integers and floating points are numbers, booleans are
 * booleans (not their true/false words), files and directories the local path. Integers are 64-bit and
 * floating points doubles, as in Core's module, so no value makes the engine compute with unbounded
 * numbers. Values a template cannot use (a type a batch script cannot use yet, an integer beyond 64 bits)
 * are not bound; {@link #unsupported} says why, so that a template that uses one fails. A text or path
 * with NUL is refused here, naming its parameter.
 *
 * @param variables   name to value, for the engine
 * @param unsupported name to why it is left out ("has type peer, ...")
 */
record TemplateValues(Map<String, Object> variables, Map<String, String> unsupported) {
    TemplateValues {
        variables = Map.copyOf(variables);
        unsupported = Map.copyOf(unsupported);
    }

    static TemplateValues of(BoundValues values, ValueText text) {
        Map<String, Object> variables = new HashMap<>();
        Map<String, String> unsupported = new HashMap<>();
        for (Bound bound : values.all()) {
            String name = bound.parameter().name();
            String why = unusable(bound.value());
            if (why != null) {
                unsupported.put(name, why);
                continue;
            }
            Object value = variable(bound.parameter(), bound.value(), text);
            if (value != null) {
                variables.put(name, value);
            }
        }
        return new TemplateValues(variables, unsupported);
    }

    private static String unusable(AppParameterValue value) {
        return switch (value) {
            case AppParameterValue.Unsupported u -> "has type " + u.type() + ", which a batch script cannot use yet";
            case AppParameterValue.Int i when i.value() != null && i.value().bitLength() >= Long.SIZE ->
                    "is an integer beyond 64 bits, which templates do not compute with";
            default -> null;
        };
    }

    private static Object variable(ApplicationParameter parameter, AppParameterValue value, ValueText text) {
        return switch (value) {
            case AppParameterValue.Text t -> ValueText.withoutNul(parameter, t.value());
            case AppParameterValue.Int i -> i.value() == null ? null : i.value().longValue();
            case AppParameterValue.FloatingPoint f -> f.value() == null ? null : f.value().doubleValue();
            case AppParameterValue.Bool b -> b.value();
            case AppParameterValue.File f -> ValueText.withoutNul(parameter, text.resolved(parameter, f.path()));
            case AppParameterValue.Unsupported u -> null;
        };
    }
}
