package dk.sdu.im.compute.script;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.expression.ExpressionStrategy;
import com.hubspot.jinjava.mode.ExecutionMode;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import java.util.Collection;
import java.util.Map;

/**
 * How a {@code {{ expression }}} is written, replacing the engine's own (which HTML-escapes, and re-renders
 * values that look like templates; this never does). For a template that is a script ({@code quoted}),
 * every value is one single-quoted bash word ({@link ShellQuote}), whatever filters made it; numbers and
 * booleans are written bare, their text being inert; {@link ShellText} is written as it is; none is
 * nothing; the engine's own objects are refused. For a template that is one word, the caller quotes the
 * whole and values are written as text. This is the only way out for a value: the tags that print values
 * another way ({@code print}, {@code cycle}, {@code call}, {@code autoescape}) are disabled.
 */
record TemplateOutput(boolean quoted) implements ExpressionStrategy, ExecutionMode {

    @Override
    public RenderedOutputNode interpretOutput(ExpressionToken token, JinjavaInterpreter interpreter) {
        Object value = interpreter.resolveELExpression(token.getExpr(), token.getLineNumber());
        return new RenderedOutputNode(write(value, token));
    }

    /** Installs this as the expression strategy of every rendering that runs in this mode. */
    @Override
    public void prepareContext(Context context) {
        context.setExpressionStrategy(this);
    }

    private String write(Object value, ExpressionToken token) {
        if (!isData(value)) {
            throw refused("cannot write the engine's " + value.getClass().getSimpleName() + " object", token);
        }
        String text = TemplateText.of(value);
        if (text.indexOf('\0') >= 0) {
            throw refused("a value contains a NUL character", token);
        }
        if (!quoted || value == null || value instanceof ShellText || TemplateText.isInert(value)) {
            return text;
        }
        return ShellQuote.word(text);
    }

    /** Values and collections of them; not the engine's own objects ({@code loop}, the interpreter). */
    private static boolean isData(Object value) {
        return value == null || value instanceof CharSequence || value instanceof ShellText || TemplateText.isInert(value)
                || value instanceof Collection || value instanceof Map || value instanceof Map.Entry;
    }

    private static InterpretException refused(String why, ExpressionToken token) {
        return new InterpretException(why, token.getLineNumber(), token.getStartPosition());
    }
}
