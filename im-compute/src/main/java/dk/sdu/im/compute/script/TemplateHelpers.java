package dk.sdu.im.compute.script;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InvalidInputException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Helpers of the template engine's own, replaced: {@code range} and {@code round}. The engine's range
 * silently stops at its limit (this one fails instead), and its round computes in unbounded decimals (this
 * one in doubles, as Jinja does).
 */
final class TemplateHelpers {
    private TemplateHelpers() {
    }

    static void register(Context context) {
        context.registerFilter(new RoundFilter());
        context.registerFunction(new ELFunctionDefinition("", "range", TemplateHelpers.class, "range",
                Object.class, Object[].class));
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

        /** Fails with the filter's usage unless the call fits it. */
        void require(boolean fits) {
            if (!fits) {
                throw invalid(name, "wrong signature for '" + name + "', expected " + usage);
            }
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
}
