package dk.sdu.im.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON rules of the provider boundary (contract 1.3 and decision 7): unknown fields are ignored
 * because Core adds fields over time, keys match case-insensitively like Go's decoder (so the capitalised
 * {@code Browse} key binds), and absent optional values are written as {@code null}.
 */
public final class Json {
    private Json() {
    }

    /** A new mapper for the UCloud boundary; callers keep one per process (mappers are thread-safe). */
    public static ObjectMapper boundaryMapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .build();
    }
}
