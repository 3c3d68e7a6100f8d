package dk.sdu.im.compute.script;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaProcessors;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.Context.Library;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.lib.Importable;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jinjava.javax.el.ELResolver;

/**
 * The template engine, closed in. Only the tags, filters and functions listed here exist for a template;
 * the engine's others are disabled (a template using one fails), among them everything that reads a file
 * ({@code include}, {@code import}, {@code from}, {@code extends}), renders text as a template
 * ({@code render}), prints past {@link TemplateOutput} ({@code print}, {@code cycle}, {@code call},
 * {@code autoescape}, {@code safe}), depends on the clock or chance, or computes with unbounded numbers or
 * sizes. Files cannot be read even so: the resource locator refuses every name. Objects are reached only
 * as {@link SandboxResolver} allows, and values that look like templates are never rendered. Nothing here
 * starts a thread or touches the network.
 *
 * <p>One sandbox serves one script builder, on one thread.
 */
final class JinjaSandbox {
    static final Set<String> TAGS = Set.of("if", "elif", "else", "endif", "for", "endfor", "break", "continue",
            "macro", "endmacro", "set", "endset", "raw", "endraw", "do", "enddo");
    static final Set<String> FILTERS = Set.of("attr", "bool", "capitalize", "count", "d", "default", "dictsort",
            "difference", "first", "float", "int", "intersect", "join", "last", "length", "list", "lower", "map",
            "regex_replace", "reject", "rejectattr", "replace", "reverse", "select", "selectattr", "sort", "split",
            "string", "symmetric_difference", "title", "trim", "truncate", "union", "unique", "upper", "wordcount",
            "flag", "option", "round");
    static final Set<String> FUNCTIONS = Set.of(":range", ":namespace", ":ternary");

    private final Jinjava engine = new Jinjava();
    private final ELResolver resolver = SandboxResolver.chain();
    private final Map<Library, Set<String>> disabled;

    JinjaSandbox() {
        engine.setResourceLocator((name, charset, interpreter) -> {
            throw new IOException("templates cannot read files");
        });
        Context global = engine.getGlobalContext();
        SandboxTags.register(global);
        TemplateHelpers.register(global);
        disabled = Map.of(
                Library.TAG, others(global.getAllTags(), TAGS),
                Library.FILTER, others(global.getAllFilters(), FILTERS),
                Library.FUNCTION, others(global.getAllFunctions(), FUNCTIONS));
    }

    RenderResult render(String template, Map<String, Object> variables, TemplateOutput output, RenderBudget budget,
            TemplateLimits limits) {
        return engine.renderForResult(template, variables, config(output, budget, limits));
    }

    /** Whether a filter of this name exists (it may still be disabled). */
    boolean hasFilter(String name) {
        return engine.getGlobalContext().getFilter(name) != null;
    }

    /** Whether a test ({@code is name}) of this name exists. */
    boolean hasTest(String name) {
        return engine.getGlobalContext().getExpTest(name) != null;
    }

    private JinjavaConfig config(TemplateOutput output, RenderBudget budget, TemplateLimits limits) {
        return JinjavaConfig.newBuilder()
                .withExecutionMode(output)
                .withElResolver(resolver)
                .withDisabled(disabled)
                .withProcessors(JinjavaProcessors.newBuilder().withNodePreProcessor(budget).build())
                .withNestedInterpretationEnabled(false)
                .withLegacyOverrides(LegacyOverrides.newBuilder().withIterateOverMapKeys(true).build())
                .withMaxOutputSize(limits.maxOutputChars())
                .withMaxStringLength(limits.maxOutputChars())
                .withRangeLimit(limits.maxRange())
                .withMaxListSize(limits.maxRange())
                .withMaxMapSize(limits.maxRange())
                .withEnableRecursiveMacroCalls(true)
                .withMaxMacroRecursionDepth(limits.maxMacroDepth())
                .build();
    }

    private static Set<String> others(Collection<? extends Importable> all, Set<String> allowed) {
        return all.stream().map(Importable::getName).filter(n -> !allowed.contains(n)).collect(Collectors.toSet());
    }
}
