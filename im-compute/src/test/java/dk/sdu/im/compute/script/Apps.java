package dk.sdu.im.compute.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dk.sdu.im.compute.app.ApplicationInvocation;
import dk.sdu.im.compute.app.ApplicationParameter;
import dk.sdu.im.compute.app.ApplicationParameter.Type;
import dk.sdu.im.compute.app.InvocationParameter;
import dk.sdu.im.compute.app.InvocationParameter.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small applications for tests. */
final class Apps {
    /**
     * Prints a marker and then each argument, each followed by NUL, so a test sees exactly the arguments bash
     * passed (the marker tells "no arguments" from "one empty argument").
     */
    static final List<InvocationParameter> PRINT_ARGS =
            List.of(new Word("printf"), new Word("%s\\0"), new Word(Bash.MARKER));

    private Apps() {
    }

    static ApplicationInvocation invocation(List<InvocationParameter> invocation, List<ApplicationParameter> parameters) {
        return new ApplicationInvocation(null, invocation, parameters, Map.of(), Map.of());
    }

    /** {@code printf '%s\0'} followed by the given parameters. */
    static ApplicationInvocation printing(List<ApplicationParameter> parameters, InvocationParameter... rest) {
        List<InvocationParameter> all = new ArrayList<>(PRINT_ARGS);
        all.addAll(List.of(rest));
        return invocation(all, parameters);
    }

    /** An application whose whole invocation is one jinja template. */
    static ApplicationInvocation jinja(String template, List<ApplicationParameter> parameters) {
        return invocation(List.of(new InvocationParameter.Jinja(template)), parameters);
    }

    static ApplicationParameter param(Type type, String name, boolean optional, JsonNode defaultValue) {
        return new ApplicationParameter(type, name, optional, defaultValue, "", "", List.of());
    }

    static ApplicationParameter required(Type type, String name) {
        return param(type, name, false, null);
    }

    static ApplicationParameter optional(Type type, String name) {
        return param(type, name, true, null);
    }

    static JsonNode json(Object value) {
        return switch (value) {
            case String s -> JsonNodeFactory.instance.textNode(s);
            case Boolean b -> JsonNodeFactory.instance.booleanNode(b);
            case Integer i -> JsonNodeFactory.instance.numberNode(i);
            case Double d -> JsonNodeFactory.instance.numberNode(d);
            default -> throw new IllegalArgumentException(String.valueOf(value));
        };
    }
}
