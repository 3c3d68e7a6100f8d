package dk.sdu.im.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON quirks of contract 1.2 and 1.3 as the wire records see them. */
class WireJsonTest {
    private final ObjectMapper mapper = Json.boundaryMapper();

    @Test
    void emptyBulkResponseIsAnEmptyObject() throws Exception {
        assertThat(mapper.writeValueAsString(new Envelopes.BulkResponse<>(List.of()))).isEqualTo("{}");
    }

    @Test
    void bulkRequestWithoutItemsReadsAsEmpty() throws Exception {
        var request = mapper.readValue("{}", new TypeReference<Envelopes.BulkRequest<Integration.UsernameRequest>>() { });
        assertThat(request.items()).isEmpty();
    }

    @Test
    void unknownFieldsAreIgnoredAndKeysMatchCaseInsensitively() throws Exception {
        var request = mapper.readValue("{\"Username\":\"alice#1\",\"addedLater\":{\"x\":1}}", Integration.UsernameRequest.class);
        assertThat(request.username()).isEqualTo("alice#1");
    }

    @Test
    void absentOptionalValuesAreWrittenAsNull() throws Exception {
        assertThat(mapper.writeValueAsString(new Integration.Manifest(true, null)))
                .isEqualTo("{\"enabled\":true,\"expireAfterMs\":null}");
    }

    @Test
    void jobSupportUsesTheNativeKeyAndOmitsUnsetFlags() throws Exception {
        var support = new Products.JobSupport(new Products.ProductReference("cpu-1", "cpu", "slurm"),
                Products.BackendSupport.none(), Products.BackendSupport.none(), Products.BackendSupport.disabled(), null);
        assertThat(mapper.readTree(mapper.writeValueAsString(support)).get("native").toString()).isEqualTo("{\"enabled\":false}");
        assertThat(mapper.readTree(mapper.writeValueAsString(support)).get("docker").toString()).isEqualTo("{}");
    }
}
