package dk.sdu.im.user.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.Json;
import dk.sdu.im.api.wire.Envelopes.PageV2;
import dk.sdu.im.api.wire.Files.BrowseRequest;
import dk.sdu.im.api.wire.Files.FileStatus;
import dk.sdu.im.api.wire.Files.ProviderFile;
import dk.sdu.im.api.wire.Files.RetrieveRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The file wire records as Core's JSON reaches them through the boundary mapper (contract 1.3, 3.4, 5.3). */
class FilesWireTest {
    private final ObjectMapper mapper = Json.boundaryMapper();

    private static final String DRIVE = """
            {"id":"12","createdAt":1724227200000,"owner":{"createdBy":"alice#1234","project":null},
             "permissions":{"myself":["ADMIN"],"others":[]},"providerGeneratedId":"slurm-alice#1234\\n/home/alice",
             "specification":{"title":"Home","product":{"id":"home","category":"home","provider":"slurm"},"labels":{}},
             "updates":[],"status":{"preferredDrive":false,"resolvedSupport":null,"resolvedProduct":null}}""";

    private BrowseRequest browseWithKey(String key) throws Exception {
        return mapper.readValue("""
                {"resolvedCollection":%s,
                 "%s":{"flags":{"path":"/12/data","includeSizes":true,"filterHiddenFiles":false,"includeOthers":false,
                        "filterCreatedBy":null},
                       "itemsPerPage":250,"next":null,"sortBy":"SIZE","sortDirection":"descending"}}""".formatted(DRIVE, key),
                BrowseRequest.class);
    }

    @Test
    void browseBindsTheCapitalisedKeyGoSends() throws Exception {
        BrowseRequest request = browseWithKey("Browse");
        assertThat(request.resolvedCollection().id()).isEqualTo("12");
        assertThat(request.resolvedCollection().providerGeneratedId()).isEqualTo("slurm-alice#1234\n/home/alice");
        assertThat(request.browse().flags().path()).isEqualTo("/12/data");
        assertThat(request.browse().flags().includeSizes()).isTrue();
        assertThat(request.browse().flags().includeTimestamps()).isNull();
        assertThat(request.browse().itemsPerPage()).isEqualTo(250);
        assertThat(request.browse().sortBy()).isEqualTo("SIZE");
        assertThat(request.browse().sortDirection()).isEqualTo("descending");
    }

    @Test
    void browseBindsTheLowerCaseKeyToo() throws Exception {
        assertThat(browseWithKey("browse").browse()).isEqualTo(browseWithKey("Browse").browse());
        assertThat(browseWithKey("browse").browse()).isNotNull();
    }

    @Test
    void retrieveBindsTheLowerCaseKey() throws Exception {
        RetrieveRequest request = mapper.readValue("""
                {"resolvedCollection":%s,"retrieve":{"flags":{"includeUnixInfo":false},"id":"/12/a/b.txt"}}"""
                .formatted(DRIVE), RetrieveRequest.class);
        assertThat(request.resolvedCollection().id()).isEqualTo("12");
        assertThat(request.retrieve().id()).isEqualTo("/12/a/b.txt");
        assertThat(request.retrieve().flags().includeUnixInfo()).isFalse();
    }

    @Test
    void providerFileIsWrittenWithIntegerTimestampsAndPermissionBits() throws Exception {
        var file = new ProviderFile("/12/data/report.pdf", 1724227200000L, new FileStatus("FILE", "", 10240L, null,
                null, null, 1724227200001L, 1724227200002L, 0644, 1000, 1000, null));
        JsonNode json = mapper.readTree(mapper.writeValueAsString(new PageV2<>(List.of(file), 50, null)));
        assertThat(json.get("itemsPerPage").asInt()).isEqualTo(50);
        assertThat(json.get("next").isNull()).isTrue();
        JsonNode item = json.get("items").get(0);
        assertThat(item.get("id").asText()).isEqualTo("/12/data/report.pdf");
        assertThat(item.get("createdAt").isIntegralNumber()).isTrue();
        assertThat(item.at("/status/modifiedAt").asLong()).isEqualTo(1724227200001L);
        assertThat(item.at("/status/accessedAt").isIntegralNumber()).isTrue();
        assertThat(item.at("/status/unixMode").asInt()).isEqualTo(420);
        assertThat(item.at("/status/type").asText()).isEqualTo("FILE");
        assertThat(item.at("/status/icon").asText()).isEmpty();
        assertThat(item.at("/status/sizeIncludingChildrenInBytes").isNull()).isTrue();
    }

    @Test
    void timestampsNotAskedForAreLeftOutRatherThanNull() throws Exception {
        var file = new ProviderFile("/12/a", null, new FileStatus("FILE", "", null, null, null, null, null, null,
                null, null, null, null));
        JsonNode json = mapper.readTree(mapper.writeValueAsString(file));
        assertThat(json.has("createdAt")).isFalse();
        assertThat(json.get("status").has("modifiedAt")).isFalse();
        assertThat(json.get("status").has("accessedAt")).isFalse();
        assertThat(json.get("status").get("sizeInBytes").isNull()).isTrue();
        assertThat(json.get("status").get("unixMode").isNull()).isTrue();
    }
}
