package dk.sdu.im.compute.script;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.lib.tag.MacroTag;
import com.hubspot.jinjava.lib.tag.SetTag;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.util.ForLoop;
import com.hubspot.jinjava.util.ObjectIterator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The engine's {@code for}, {@code macro} and {@code set} tags, changed where they would open the sandbox. */
final class SandboxTags {
    private SandboxTags() {
    }

    static void register(Context context) {
        context.registerTag(new CheckedFor());
        context.registerTag(new ShellMacroTag());
        context.registerTag(new ExpressionSet());
    }

    /**
     * A {@code for} loop that charges its iterations to the {@link RenderBudget} before it runs, and that
     * unpacks ({@code for a, b in ...}) only pairs (map entries) and lists: the engine would otherwise read
     * the named bean properties of any item by reflection ({@code for a, class in [x]} yields a Class).
     */
    static final class CheckedFor extends ForTag {
        @Override
        public String renderForCollection(TagNode tagNode, JinjavaInterpreter interpreter, List<String> loopVars,
                Object collection) {
            List<Object> items = new ArrayList<>();
            ForLoop loop = ObjectIterator.getLoop(collection);
            while (loop.hasNext()) {
                items.add(loop.next());
            }
            if (interpreter.getConfig().getProcessors().getNodePreProcessor() instanceof RenderBudget budget) {
                budget.spend(items.size(), tagNode);
            }
            if (loopVars.size() > 1) {
                items.forEach(item -> checkUnpackable(interpreter.wrap(item), tagNode));
            }
            return super.renderForCollection(tagNode, interpreter, loopVars, items);
        }

        private static void checkUnpackable(Object item, TagNode tagNode) {
            if (item != null && !(item instanceof Map.Entry) && !(item instanceof List)) {
                throw new InterpretException("a for loop over several variables needs pairs or lists to unpack",
                        tagNode.getLineNumber(), tagNode.getStartPosition());
            }
        }
    }

    /** Macros whose output is {@link ShellText}: their text is the template's, with every value quoted. */
    static final class ShellMacroTag extends MacroTag {
        @Override
        protected MacroFunction constructMacroFunction(TagNode tagNode, JinjavaInterpreter interpreter, String name,
                LinkedHashMap<String, Object> argNamesWithDefaults) {
            return new ShellMacro(tagNode, interpreter, name, argNamesWithDefaults);
        }
    }

    static final class ShellMacro extends MacroFunction {
        ShellMacro(TagNode tagNode, JinjavaInterpreter interpreter, String name, LinkedHashMap<String, Object> args) {
            super(tagNode.getChildren(), name, args, false, interpreter.getContext(), interpreter.getLineNumber(),
                    interpreter.getPosition());
        }

        @Override
        public Object doEvaluate(Map<String, Object> argMap, Map<String, Object> kwargMap, List<Object> varArgs) {
            return new ShellText(String.valueOf(super.doEvaluate(argMap, kwargMap, varArgs)));
        }
    }

    /**
     * Only {@code {% set name = expression %}}: a {@code {% set %}...{% endset %}} block would capture
     * rendered (quoted) text as a plain string, which would be quoted again when written.
     */
    static final class ExpressionSet extends SetTag {
        @Override
        public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
            if (!tagNode.getHelpers().contains("=")) {
                throw new TemplateSyntaxException(interpreter, tagNode.getMaster().getImage(),
                        "only {% set name = expression %} is available, not a set block");
            }
            return super.interpret(tagNode, interpreter);
        }
    }
}
