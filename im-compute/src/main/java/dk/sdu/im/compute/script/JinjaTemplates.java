package dk.sdu.im.compute.script;

import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the application's {@code jinja} invocation parameters with the job's values, as Core's Go module
 * does, in a {@link JinjaSandbox}. The template is the application's, trusted like the rest of its
 * invocation; the values are the user's and untrusted.
 *
 * <p>What the template sees: {@link TemplateValues}. What it renders into:
 * <ul>
 * <li>{@link #script}: a template that is the whole invocation renders the job's command lines, written
 * into the script as they are. Every value an expression writes is one single-quoted bash word, exactly
 * as elsewhere in this package: values are quoted on the way out ({@link TemplateOutput}) rather than
 * bound already quoted, so that the template compares, tests and transforms the real values, and
 * whatever it does with a value, {@code {{ }}} cannot write it unquoted. Template text, numbers and
 * booleans are written bare. (Core's module does the same by escaping every string it writes, but lets
 * {@code | safe} and {@code {% autoescape false %}} switch that off; here neither exists.)
 * <li>{@link #word}: any other template (one part of a longer invocation, an environment value, an sbatch
 * directive) renders one word, which the caller quotes as a whole. Values are written as they are, inside
 * that word: Core's module does so for environment values; for the others it escapes them inside a word
 * it then escapes again, which writes quote characters into the argument.
 * </ul>
 *
 * <p>Anything that goes wrong, from a syntax error to a limit ({@link TemplateLimits}), is a
 * {@link ScriptException} saying which template and what. So is a template that uses a parameter it cannot
 * be given, {@code ucloud} (Core's job metadata, not provided here yet), an unknown filter or test (which
 * the engine would ignore), or one of the {@code {- name -}} site hooks Core's module expands, which have
 * no counterpart here yet.
 */
final class JinjaTemplates {
    private static final Pattern SITE_HOOK = Pattern.compile("\\{- ([^-{}()]*)(\\(([^)]*)\\))? -}");
    private static final String UCLOUD = "ucloud";

    private final JinjaSandbox sandbox = new JinjaSandbox();
    private final TemplateValues values;
    private final TemplateLimits limits;

    JinjaTemplates(TemplateValues values, TemplateLimits limits) {
        this.values = values;
        this.limits = limits;
    }

    /** The script text a template that is the whole invocation renders; {@code where} names it for errors. */
    String script(String template, String where) {
        return render(template, where, new TemplateOutput(true));
    }

    /** The text of the one word a template renders. */
    String word(String template, String where) {
        return render(template, where, new TemplateOutput(false));
    }

    private String render(String template, String where, TemplateOutput output) {
        String subject = "the jinja template in " + where + " ";
        refuseSiteHooks(template, subject);
        RenderBudget budget = new RenderBudget(limits);
        RenderResult result = sandbox.render(template, values.variables(), output, budget, limits);
        budget.exceeded().ifPresent(what -> fail(subject + what));
        result.getErrors().stream().min(Comparator.comparing(TemplateError::getSeverity))
                .ifPresent(error -> fail(subject + TemplateFailure.describe(error, limits)));
        refuseUses(new TreeSet<>(result.getContext().getResolvedValues()), subject);
        if (result.getOutput().indexOf('\0') >= 0) {
            fail(subject + "writes a NUL character");
        }
        return result.getOutput();
    }

    private static void refuseSiteHooks(String template, String subject) {
        Matcher hook = SITE_HOOK.matcher(template);
        if (hook.find()) {
            fail(subject + "uses the site hook {- " + hook.group(1) + " -}, which this integration does not offer");
        }
    }

    /** The names the engine looked up while rendering: parameters, filters ({@code filter:name}), tests. */
    private void refuseUses(Set<String> resolved, String subject) {
        for (String name : resolved) {
            if (name.startsWith("filter:") && !sandbox.hasFilter(name.substring(7))) {
                fail(subject + "uses unknown filter '" + name.substring(7) + "'");
            }
            if (name.startsWith("exptest:") && !sandbox.hasTest(name.substring(8))) {
                fail(subject + "uses unknown test '" + name.substring(8) + "'");
            }
        }
        for (Map.Entry<String, String> left : new TreeMap<>(values.unsupported()).entrySet()) {
            if (resolved.contains(left.getKey())) {
                fail(subject + "uses parameter '" + left.getKey() + "', which " + left.getValue());
            }
        }
        if (resolved.contains(UCLOUD) && !values.variables().containsKey(UCLOUD)) {
            fail(subject + "uses 'ucloud' (the job's metadata), which this integration does not provide yet");
        }
    }

    private static void fail(String message) {
        throw new ScriptException(message);
    }
}
