package dk.sdu.im.api.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.ApiException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** An accepted request as a handler sees it: the caller, the query string and the (bounded) body. */
public record Call(Caller caller, Map<String, List<String>> query, byte[] body, ObjectMapper mapper) {

    /** Parses the body into a generic type such as {@code BulkRequest<Item>}; errors as {@link #body(Class)}. */
    public <T> T body(com.fasterxml.jackson.core.type.TypeReference<T> type) {
        return body(mapper.getTypeFactory().constructType(type));
    }

    /** Parses the body as the contract's JSON into {@code type}; malformed input is a 400 with position. */
    public <T> T body(Class<T> type) {
        return body(mapper.getTypeFactory().constructType(type));
    }

    private <T> T body(com.fasterxml.jackson.databind.JavaType type) {
        if (body.length == 0) {
            throw ApiException.badRequest("The request has no body; a JSON object was expected");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("The request body is null; a JSON object was expected");
            }
            return value;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw ApiException.badRequest("Invalid JSON in the request body"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (IOException e) {
            throw ApiException.badRequest("Unreadable request body");
        }
    }

    /** The first value of a query parameter, or null. */
    public String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
