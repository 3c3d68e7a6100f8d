package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads fields out of untrusted request trees. A missing or mistyped required field is a 400, as the Go
 * decoder in Core would reject it; optional fields treat JSON {@code null} and absence alike.
 */
final class Fields {
    private Fields() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** The {@code items} of a BulkRequest; absent means empty (Go omits it when empty). */
    static ArrayNode items(JsonNode body) {
        JsonNode items = requireObject(body, "request").path("items");
        if (items.isMissingNode() || items.isNull()) {
            return array();
        }
        if (!items.isArray()) {
            throw CoreError.badRequest("Invalid request supplied: 'items' must be an array");
        }
        return (ArrayNode) items;
    }

    static ObjectNode requireObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw CoreError.badRequest("Invalid request supplied: " + what + " must be an object");
        }
        return (ObjectNode) node;
    }

    static ObjectNode requireObject(JsonNode parent, String field, String what) {
        return requireObject(parent.get(field), what);
    }

    /** A non-empty string field, else 400. */
    static String requireText(JsonNode parent, String field) {
        String value = optionalText(parent, field);
        if (value == null || value.isEmpty()) {
            throw CoreError.badRequest("Invalid request supplied: '" + field + "' is required");
        }
        return value;
    }

    /** A string field, or null when absent or JSON null; a non-string is a 400. */
    static String optionalText(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw CoreError.badRequest("Invalid request supplied: '" + field + "' must be a string");
        }
        return value.asText();
    }

    static boolean optionalBoolean(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw CoreError.badRequest("Invalid request supplied: '" + field + "' must be a boolean");
        }
        return value.asBoolean();
    }

    /** A string or number id (Core's ids are numeric strings; some clients send numbers). */
    static String requireId(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value != null && (value.isTextual() || value.isIntegralNumber()) && !value.asText().isEmpty()) {
            return value.asText();
        }
        throw CoreError.badRequest("Invalid request supplied: '" + field + "' is required");
    }
}
