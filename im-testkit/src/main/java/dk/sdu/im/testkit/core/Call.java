package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.Map;

/**
 * One authenticated, parsed call handed to an {@link Endpoint}.
 *
 * @param provider the provider the access token proved, or null on public routes
 * @param query    decoded query parameters
 * @param body     the parsed JSON body of a POST, or null on GET
 */
record Call(String provider, Map<String, String> query, JsonNode body) {
    ArrayNode items() {
        return Fields.items(body);
    }

    /** A required, non-empty query parameter, else 400. */
    String requireQuery(String name) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            throw CoreError.badRequest("Invalid request supplied: query parameter '" + name + "' is required");
        }
        return value;
    }
}
