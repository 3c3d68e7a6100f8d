package dk.sdu.im.compute.script;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InvalidInputException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.util.ObjectTruthValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The helpers Core's Go module gives its templates, where they are pure: the filters {@code flag} and
 * {@code option}, the function {@code ternary}, and the tests {@code match} and {@code search} (RE2
 * regular expressions, as Go's, in linear time). Also {@code range} and {@code round}, replacing the
 * engine's: its range silently stops at its limit (this one fails instead), and its round computes in
 * unbounded decimals (this one in doubles, as Jinja does).
 */
final class TemplateHelpers {
    private TemplateHelpers() {
    }

    static void register(Context context) {
        context.registerFilter(new FlagFilter());
        context.registerFilter(new OptionFilter());
        context.registerFilter(new RoundFilter());
        context.registerExpTest(new RegexTest("match", true));
        context.registerExpTest(new RegexTest("search", false));
        context.registerFunction(new ELFunctionDefinition("", "ternary", TemplateHelpers.class, "ternary",
                Object.class, Object.class, Object.class));
        context.registerFunction(new ELFunctionDefinition("", "range", TemplateHelpers.class, "range",
                Object.class, Object[].class));
    }

    /** {@code ternary(condition, ifTrue, ifFalse)}. */
    static Object ternary(Object condition, Object ifTrue, Object ifFalse) {
        return ObjectTruthValue.evaluate(condition) ? ifTrue : ifFalse;
    }

    /** Python's {@code range([start,] stop[, step])} of whole numbers, refused beyond the range limit. */
    static List<Long> range(Object first, Object... rest) {
        if (rest.length > 2) {
            throw invalid("range", "range takes one to three numbers");
        }
        long start = rest.length == 0 ? 0 : whole(first);
        long stop = rest.length == 0 ? whole(first) : whole(rest[0]);
        long step = rest.length == 2 ? whole(rest[1]) : 1;
        if (step == 0) {
            throw invalid("range", "range step must not be zero");
        }
        long count = Math.max(0, Math.ceilDiv(stop - start, step));
        int limit = JinjavaInterpreter.getCurrent().getConfig().getRangeLimit();
        if (count > limit) {
            throw invalid("range", "range of " + count + " numbers is over the limit of " + limit);
        }
        List<Long> numbers = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            numbers.add(start + i * step);
        }
        return numbers;
    }

    private static long whole(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 1e15) {
            return n.longValue();
        }
        throw invalid("range", "range takes whole numbers, not '" + TemplateText.of(value) + "'");
    }

    /** An error the engine reports with this message (other exceptions lose theirs on the way). */
    static InvalidInputException invalid(String helper, String message) {
        return new InvalidInputException(JinjavaInterpreter.getCurrent(), helper, message);
    }

    /** A filter whose arguments are given as the template wrote them, not as strings. */
    abstract static class TypedFilter implements Filter {
        private final String name;
        private final String usage;

        TypedFilter(String name, String usage) {
            this.name = name;
            this.usage = usage;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return filter(var, interpreter, (Object[]) args, Map.of());
        }

        @Override
        public abstract Object filter(Object var, JinjavaInterpreter interpreter, Object[] args,
                Map<String, Object> kwargs);

        /** One or two positional arguments, no named ones. */
        static boolean oneOrTwo(Object[] args, Map<String, Object> kwargs) {
            return args.length >= 1 && args.length <= 2 && kwargs.isEmpty();
        }

        /** Fails with the filter's usage unless the call fits it. */
        void require(boolean fits) {
            if (!fits) {
                throw invalid(name, "wrong signature for '" + name + "', expected " + usage);
            }
        }
    }

    /** {@code value | flag(onFlag[, offFlag])}: the flag for the value's truth, a value like any text. */
    static final class FlagFilter extends TypedFilter {
        FlagFilter() {
            super("flag", "value | flag(\"--on\"[, \"--off\"])");
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            require(oneOrTwo(args, kwargs) && Arrays.stream(args).allMatch(String.class::isInstance));
            String chosen = ObjectTruthValue.evaluate(var) ? (String) args[0] : args.length == 2 ? (String) args[1] : "";
            return chosen.isEmpty() ? ShellText.EMPTY : chosen;
        }
    }

    /**
     * {@code value | option(flag[, addSpace])}: nothing for none; else the flag and the value as two
     * quoted words, or glued as one quoted word when {@code addSpace} is false (by default when the flag
     * ends in {@code =}). Core's Go module leaves the flag unquoted when it adds the space; here it is
     * quoted too, which bash reads the same, so that no value can reach the script unquoted.
     */
    static final class OptionFilter extends TypedFilter {
        OptionFilter() {
            super("option", "value | option(\"--name\"[, addSpace])");
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            require(oneOrTwo(args, kwargs) && (args.length == 1 || args[1] instanceof Boolean));
            if (var == null) {
                return ShellText.EMPTY;
            }
            String flag = TemplateText.of(args[0]);
            String value = TemplateText.of(var);
            boolean addSpace = args.length == 2 ? (Boolean) args[1] : !flag.endsWith("=");
            return new ShellText(addSpace ? ShellQuote.word(flag) + " " + ShellQuote.word(value)
                    : ShellQuote.word(flag + value));
        }
    }

    /** {@code value | round(precision=0, method='common')}: a floating point rounded half up, or by ceil or floor. */
    static final class RoundFilter extends TypedFilter {
        private static final int MAX_PRECISION = 15;
        private static final Map<String, RoundingMode> METHODS =
                Map.of("common", RoundingMode.HALF_UP, "ceil", RoundingMode.CEILING, "floor", RoundingMode.FLOOR);

        RoundFilter() {
            super("round", "value | round(precision, 'common' or 'ceil' or 'floor')");
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Object precision = args.length > 0 ? args[0] : kwargs.getOrDefault("precision", 0L);
            Object method = args.length > 1 ? args[1] : kwargs.getOrDefault("method", "common");
            require(var instanceof Number && args.length <= 2 && Set.of("precision", "method").containsAll(kwargs.keySet())
                    && precision instanceof Number digits && digits.longValue() >= 0
                    && digits.longValue() <= MAX_PRECISION && METHODS.containsKey(method));
            double value = ((Number) var).doubleValue();
            return Double.isFinite(value) ? BigDecimal.valueOf(value)
                    .setScale(((Number) precision).intValue(), METHODS.get(method)).doubleValue() : value;
        }
    }

    /**
     * {@code value is match(pattern)} (the whole value) and {@code value is search(pattern)} (anywhere),
     * with {@code ignorecase} and {@code multiline} as named arguments, as Core's Go module has them.
     */
    record RegexTest(String name, boolean whole) implements ExpTest {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
            List<Object> positional = new ArrayList<>();
            Map<String, Boolean> flags = new HashMap<>();
            for (Object arg : arguments(args)) {
                if (arg instanceof NamedParameter named) {
                    flags.put(named.getName(), flag(named));
                } else {
                    positional.add(arg);
                }
            }
            if (!(var instanceof String text)) {
                throw invalid(name, "'" + name + "' needs a string to test");
            }
            if (positional.size() != 1 || !(positional.getFirst() instanceof String pattern)) {
                throw invalid(name, "'" + name + "' expects one pattern to match against");
            }
            return compile(pattern, flags).matcher(text).find();
        }

        /** {@code is match('p', ignorecase=true)} arrives as one tuple, {@code is match('p')} as the string. */
        private static List<?> arguments(Object[] args) {
            return args.length == 1 && args[0] instanceof List<?> tuple ? tuple : List.of(args);
        }

        private Pattern compile(String pattern, Map<String, Boolean> flags) {
            String modes = (flags.getOrDefault("ignorecase", false) ? "i" : "")
                    + (flags.getOrDefault("multiline", false) ? "m" : "");
            String regex = (modes.isEmpty() ? "" : "(?" + modes + ")") + (whole ? "^" + pattern + "$" : pattern);
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw invalid(name, "could not compile the regular expression: " + e.getMessage());
            }
        }

        private Boolean flag(NamedParameter named) {
            if (!(named.getValue() instanceof Boolean value)
                    || !(named.getName().equals("ignorecase") || named.getName().equals("multiline"))) {
                throw invalid(name, "'" + name + "' takes ignorecase and multiline, as booleans");
            }
            return value;
        }
    }
}
