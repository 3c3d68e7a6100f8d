package dk.sdu.im.compute.script;

import com.hubspot.jinjava.el.TypeConvertingMapELResolver;
import com.hubspot.jinjava.el.ext.JinjavaBeanELResolver;
import com.hubspot.jinjava.el.ext.JinjavaListELResolver;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.collections.PyList;
import com.hubspot.jinjava.objects.collections.PyMap;
import com.hubspot.jinjava.util.ForLoop;
import java.util.Map;
import java.util.Set;
import jinjava.javax.el.ArrayELResolver;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;
import jinjava.javax.el.MethodNotFoundException;

/**
 * What a template expression may reach on an object: entries of lists and maps, the properties of
 * {@code loop} and of map entries, and only these methods: a filter's or test's own entry point, and the
 * Python list and dict methods below (which the engine bounds in size). Everything else, every method and
 * property of any other Java object ({@code ''.getClass()}, {@code x.bytes}, {@code x.repeat(9)}), is
 * refused, so no template reaches reflection, a class loader or I/O through the objects it sees. Read-only:
 * templates assign only through {@code set}.
 */
final class SandboxResolver extends JinjavaBeanELResolver {
    private static final Set<String> LIST_METHODS =
            Set.of("append", "insert", "extend", "pop", "count", "reverse", "copy", "index");
    private static final Set<String> MAP_METHODS = Set.of("get", "items", "keys", "values", "update");

    private SandboxResolver() {
        super(true);
    }

    /** The resolver chain for templates: arrays, lists and maps as the engine reads them, then this. */
    static ELResolver chain() {
        CompositeELResolver chain = new CompositeELResolver();
        chain.add(new ArrayELResolver(true));
        chain.add(new JinjavaListELResolver(true));
        chain.add(new TypeConvertingMapELResolver(true));
        chain.add(new SandboxResolver());
        return chain;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base instanceof ForLoop || base instanceof Map.Entry) {
            return super.getValue(context, base, property);
        }
        if (base != null) {
            context.setPropertyResolved(true);
        }
        return null;
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
        if (base == null) {
            return null;
        }
        if (!allowed(base, String.valueOf(method))) {
            throw new MethodNotFoundException("method '" + method + "' is not available in templates");
        }
        return super.invoke(context, base, method, types, params);
    }

    private static boolean allowed(Object base, String method) {
        return switch (base) {
            case Filter f -> method.equals("filter");
            case ExpTest t -> method.equals("evaluate") || method.equals("evaluateNegated");
            case PyList l -> LIST_METHODS.contains(method);
            case PyMap m -> MAP_METHODS.contains(method);
            default -> false;
        };
    }
}
