package dk.sdu.im.compute.script;

import com.fasterxml.jackson.databind.JsonNode;
import dk.sdu.im.compute.app.AppParameterValue;
import dk.sdu.im.compute.app.ApplicationParameter;
import dk.sdu.im.compute.app.ApplicationParameter.Type;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each declared parameter with the value it takes: the user's, else the parameter's default (read as Core's
 * modules read it: the bare JSON value or {@code {"value": ...}}, for boolean, integer, floating point,
 * text, textarea and enumeration only). A required parameter with neither is an error naming it, as is a
 * value whose type does not fit its parameter. Values for names the application does not declare (Core
 * injects some) are ignored.
 */
final class BoundValues {
    /** A parameter and its value. */
    record Bound(ApplicationParameter parameter, AppParameterValue value) {
    }

    private final Map<String, Bound> byName;

    private BoundValues(Map<String, Bound> byName) {
        this.byName = byName;
    }

    static BoundValues bind(List<ApplicationParameter> parameters, Map<String, AppParameterValue> values) {
        Map<String, Bound> byName = new HashMap<>();
        for (ApplicationParameter parameter : parameters) {
            if (parameter.type() == Type.README) {
                continue;
            }
            AppParameterValue value = values.get(parameter.name());
            if (value == null) {
                value = defaultOf(parameter).orElse(null);
            }
            if (value == null) {
                if (!parameter.optional()) {
                    throw new ScriptException("required parameter '" + parameter.name() + "' has no value");
                }
                continue;
            }
            checkType(parameter, value);
            byName.put(parameter.name(), new Bound(parameter, value));
        }
        return new BoundValues(byName);
    }

    /** The parameter's value; empty if it is undeclared, or optional and without value or default. */
    Optional<Bound> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every parameter that has a value, in no particular order. */
    Collection<Bound> all() {
        return byName.values();
    }

    private static void checkType(ApplicationParameter parameter, AppParameterValue value) {
        String expected = valueType(parameter.type());
        if (expected != null && !expected.equals(value.type())) {
            throw new ScriptException("parameter '" + parameter.name() + "' expects a value of type " + expected
                    + " but got " + value.type());
        }
    }

    /** The value type Core pairs with each parameter type; null where none is fixed. */
    private static String valueType(Type type) {
        return switch (type) {
            case INPUT_FILE, INPUT_DIRECTORY -> "file";
            case TEXT, TEXTAREA, ENUMERATION -> "text";
            case INTEGER -> "integer";
            case FLOATING_POINT -> "floating_point";
            case BOOLEAN -> "boolean";
            case PEER -> "peer";
            case LICENSE_SERVER -> "license_server";
            case INGRESS -> "ingress";
            case NETWORK_IP -> "network";
            case MODULES -> "modules";
            case WORKFLOW -> "workflow";
            case PRIVATE_NETWORK -> "private_network";
            case README, UNKNOWN -> null;
        };
    }

    private static Optional<AppParameterValue> defaultOf(ApplicationParameter parameter) {
        JsonNode node = parameter.defaultValue();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        Optional<AppParameterValue> direct = read(parameter.type(), node);
        if (direct.isPresent() || !node.isObject()) {
            return direct;
        }
        JsonNode wrapped = valueField(node);
        return wrapped == null ? Optional.empty() : read(parameter.type(), wrapped);
    }

    /** {@code value} in any letter case, as Go's decoder matches it. */
    private static JsonNode valueField(JsonNode object) {
        for (var field : object.properties()) {
            if (field.getKey().equalsIgnoreCase("value")) {
                return field.getValue();
            }
        }
        return null;
    }

    private static Optional<AppParameterValue> read(Type type, JsonNode node) {
        AppParameterValue value = switch (type) {
            case BOOLEAN -> node.isBoolean() ? new AppParameterValue.Bool(node.booleanValue()) : null;
            case INTEGER -> node.isIntegralNumber() ? new AppParameterValue.Int(node.bigIntegerValue()) : null;
            case FLOATING_POINT -> node.isNumber() ? new AppParameterValue.FloatingPoint(node.decimalValue()) : null;
            case TEXT, TEXTAREA, ENUMERATION -> node.isTextual() ? new AppParameterValue.Text(node.textValue()) : null;
            default -> null;
        };
        return Optional.ofNullable(value);
    }
}
