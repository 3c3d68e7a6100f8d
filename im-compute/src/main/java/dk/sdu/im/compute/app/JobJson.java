package dk.sdu.im.compute.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Parses Core's Job JSON into {@link Job}. Lenient where the boundary is (unknown fields and unknown value
 * or parameter types are tolerated, keys match case-insensitively like Go's decoder); strict where a script
 * would otherwise be built from a guess (an unknown invocation parameter type fails).
 */
public final class JobJson {
    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** One Job object, as in {@code {"items":[<Job>]}} of {@code jobs/create}. */
    public Job parseJob(String json) throws JsonProcessingException {
        return mapper.readValue(json, Job.class);
    }

    /** The same, from a tree the request was already parsed into (no second pass over the text). */
    public Job parseJob(com.fasterxml.jackson.databind.JsonNode job) throws JsonProcessingException {
        return mapper.treeToValue(job, Job.class);
    }

    /** An Application object, as in {@code status.resolvedApplication}. */
    public Application parseApplication(String json) throws JsonProcessingException {
        return mapper.readValue(json, Application.class);
    }
}
