package dk.sdu.im.compute.script;

import dk.sdu.im.compute.app.InvocationParameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code #SBATCH} lines: the caller's as given, then the application's, each value built like the
 * invocation and joined by spaces. An application directive that builds to no word at all is left out; one
 * that builds to empty text is a bare flag. An application directive whose name is not an option name, or
 * that equals or abbreviates (or is abbreviated by) a caller's or reserved directive, is refused.
 */
final class Directives {
    private final List<SbatchDirective> callers;
    private final Set<String> protectedNames = new HashSet<>();

    Directives(List<SbatchDirective> callers, Set<String> reserved) {
        this.callers = callers;
        protectedNames.addAll(reserved);
        callers.forEach(d -> protectedNames.add(d.name()));
    }

    List<String> lines(Map<String, InvocationParameter> applicationDirectives, Arguments arguments) {
        List<String> lines = new ArrayList<>();
        callers.forEach(d -> lines.add(line(d.name(), d.value().orElse(null))));
        applicationDirectives.forEach((name, parameter) -> {
            checkName(name);
            List<ShellWord> words = arguments.expand(parameter, "sbatch directive " + name);
            if (!words.isEmpty()) {
                String value = ShellWord.joined(words).literalText(name);
                lines.add(line(name, value.isEmpty() ? null : value));
            }
        });
        return lines;
    }

    private void checkName(String name) {
        if (!SbatchDirective.isName(name)) {
            throw new ScriptException("the application's sbatch directive '" + name.replaceAll("\\p{Cntrl}", "?")
                    + "' is not an option name");
        }
        for (String taken : protectedNames) {
            if (taken.startsWith(name) || name.startsWith(taken)) {
                throw new ScriptException("the application may not set sbatch directive '" + name
                        + "' (it collides with --" + taken + ", which the site sets)");
            }
        }
    }

    private static String line(String name, String value) {
        return value == null ? "#SBATCH --" + name : "#SBATCH --" + name + "=" + SlurmQuote.word(value, name);
    }
}
