package dk.sdu.im.compute.script;

import dk.sdu.im.compute.app.AppParameterValue;
import dk.sdu.im.compute.app.InvocationParameter;
import dk.sdu.im.compute.script.BoundValues.Bound;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Expands one invocation parameter into the words it contributes, as Core's modules do: a {@code word} is
 * itself, a {@code var} the values of its parameters with their prefixes and suffixes (nothing at all if
 * none has a value), a {@code bool_flag} its flag when true, an {@code env} a reference to the variable,
 * a {@code jinja} template the one word it renders ({@link JinjaTemplates#word}; a template that is the
 * whole invocation is a script instead, {@link #script}). Values are never altered (Core's Go module
 * trims them when a global prefix is present; this does not).
 */
final class Arguments {
    private final BoundValues values;
    private final ValueText text;
    private JinjaTemplates templates;

    Arguments(BoundValues values, ValueText text) {
        this.values = values;
        this.text = text;
    }

    /** The words, in order; {@code where} names the place for errors ("the command line", ...). */
    List<ShellWord> expand(InvocationParameter parameter, String where) {
        return switch (parameter) {
            case InvocationParameter.Word w -> List.of(ShellWord.literal(w.word()));
            case InvocationParameter.Var v -> variables(v);
            case InvocationParameter.BoolFlag f -> flag(f);
            case InvocationParameter.Env e -> List.of(ShellWord.variable(identifier(e.variable(), where)));
            case InvocationParameter.Jinja j -> List.of(ShellWord.literal(templates().word(j.template(), where)));
        };
    }

    /** The script text of a template that is the whole invocation (see {@link JinjaTemplates#script}). */
    String script(InvocationParameter.Jinja template, String where) {
        return templates().script(template.template(), where);
    }

    /** Made on first use: binding the values for templates resolves every file value. */
    private JinjaTemplates templates() {
        if (templates == null) {
            templates = new JinjaTemplates(TemplateValues.of(values, text), TemplateLimits.DEFAULT);
        }
        return templates;
    }

    private List<ShellWord> variables(InvocationParameter.Var v) {
        List<Bound> present = v.variableNames().stream().map(values::get).flatMap(Optional::stream).toList();
        if (present.isEmpty()) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        addIfNotEmpty(words, v.prefixGlobal());
        for (Bound bound : present) {
            String main = text.of(bound);
            if (!v.prefixVariable().isEmpty()) {
                if (v.prefixVariablePartOfArg()) {
                    main = v.prefixVariable() + main;
                } else {
                    words.add(v.prefixVariable());
                }
            }
            if (v.suffixVariablePartOfArg()) {
                words.add(main + v.suffixVariable());
            } else {
                words.add(main);
                addIfNotEmpty(words, v.suffixVariable());
            }
        }
        addIfNotEmpty(words, v.suffixGlobal());
        return words.stream().map(ShellWord::literal).toList();
    }

    private List<ShellWord> flag(InvocationParameter.BoolFlag f) {
        Optional<Bound> bound = values.get(f.variableName());
        if (bound.isEmpty()) {
            return List.of();
        }
        if (!(bound.get().value() instanceof AppParameterValue.Bool b)) {
            throw new ScriptException("bool_flag refers to parameter '" + f.variableName()
                    + "', which is not a boolean");
        }
        return b.value() ? List.of(ShellWord.literal(f.flag())) : List.of();
    }

    static String identifier(String name, String where) {
        if (!ShellQuote.isIdentifier(name)) {
            throw new ScriptException("'" + printable(name) + "' in " + where
                    + " is not a valid environment variable name");
        }
        return name;
    }

    private static String printable(String name) {
        return name.replaceAll("\\p{Cntrl}", "?");
    }

    private static void addIfNotEmpty(List<String> words, String word) {
        if (!word.isEmpty()) {
            words.add(word);
        }
    }
}
