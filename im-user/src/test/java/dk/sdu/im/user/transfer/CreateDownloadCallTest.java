package dk.sdu.im.user.transfer;

import static dk.sdu.im.user.transfer.DownloadFixture.ALICE;
import static dk.sdu.im.user.transfer.DownloadServiceTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.Json;
import dk.sdu.im.api.rpc.Access;
import dk.sdu.im.api.rpc.Call;
import dk.sdu.im.api.rpc.Caller;
import dk.sdu.im.api.rpc.Reply;
import dk.sdu.im.api.rpc.Route;
import dk.sdu.im.api.wire.Files;
import dk.sdu.im.user.files.DriveRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract 3.4.5 on the wire: {@code POST /ucloud/<id>/files/download} answers one endpoint per item, in order. */
class CreateDownloadCallTest {
    static final String DRIVE_12 = "{\"id\":\"12\",\"providerGeneratedId\":\"home alice#1234\\n/home/alice\","
            + "\"specification\":{\"title\":\"Home\"},\"createdAt\":1724227200000}";

    @TempDir
    Path temp;
    DownloadFixture t;
    final ObjectMapper mapper = Json.boundaryMapper();
    Function<Files.Drive, DriveRoot> drives;

    @BeforeEach
    void drive() throws Exception {
        t = new DownloadFixture(temp);
        t.file("a.txt", new byte[] {1});
        t.file("sub/b.txt", new byte[] {2});
        drives = drive -> {
            if (drive == null || !"12".equals(drive.id())) {
                throw ApiException.forbidden("Not one of your drives");
            }
            return t.drive;
        };
    }

    @Test
    void routeIsAUserCallOnTheContractPath() {
        Route route = CreateDownloadCall.route("slurm", drives, t.service);

        assertThat(route.method()).isEqualTo("POST");
        assertThat(route.path()).isEqualTo("/ucloud/slurm/files/download");
        assertThat(route.access()).isEqualTo(Access.USER);
    }

    @Test
    void everyItemGetsItsEndpointInOrderAndUnknownFieldsAreIgnored() throws Exception {
        String body = "{\"items\":[{\"id\":\"/12/sub/b.txt\",\"resolvedCollection\":" + DRIVE_12 + ",\"extra\":true},"
                + "{\"id\":\"/12/a.txt\",\"resolvedCollection\":" + DRIVE_12 + "}]}";

        JsonNode reply = replyOf(body);

        JsonNode responses = reply.get("responses");
        assertThat(responses).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(responses.get(i).get("endpoint").asText()).startsWith("https://slurm.example.org/ucloud/slurm/download?token=");
            String token = DownloadFixture.token(responses.get(i).get("endpoint").asText());
            assertThat(t.tokens.redeem(token, Operation.DOWNLOAD).orElseThrow().ucloudPath())
                    .isEqualTo(i == 0 ? "/12/sub/b.txt" : "/12/a.txt");
        }
    }

    @Test
    void requestWithoutItemsGetsAnEmptyObject() throws Exception {
        assertThat(mapper.writeValueAsString(((Reply.Json) handle("{}")).body())).isEqualTo("{}");
    }

    @Test
    void oneBadItemFailsTheCallWithItsError() {
        String body = "{\"items\":[{\"id\":\"/12/a.txt\",\"resolvedCollection\":" + DRIVE_12 + "},"
                + "{\"id\":\"/12/sub\",\"resolvedCollection\":" + DRIVE_12 + "}]}";

        ApiException error = failure(() -> handle(body));
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.why()).startsWith("Directories cannot be downloaded");
    }

    @Test
    void itemWithoutDriveOrWithAForeignDriveIsRefused() {
        assertThat(failure(() -> handle("{\"items\":[{\"id\":\"/12/a.txt\"}]}")).status()).isEqualTo(403);
        assertThat(failure(() -> handle("{\"items\":[{\"id\":\"/13/a.txt\",\"resolvedCollection\":{\"id\":\"13\"}}]}"))
                .status()).isEqualTo(403);
    }

    @Test
    void malformedBodiesAre400() {
        assertThat(failure(() -> handle("{\"items\":")).status()).isEqualTo(400);
        assertThat(failure(() -> handle("{\"items\":\"a\"}")).why()).contains("list of items");
        assertThat(failure(() -> handle("{\"items\":[null]}")).status()).isEqualTo(400);
        assertThat(failure(() -> handle("{\"items\":[{\"resolvedCollection\":" + DRIVE_12 + "}]}")).why())
                .isEqualTo("A path is required");
    }

    private JsonNode replyOf(String body) throws Exception {
        Reply reply = handle(body);
        return mapper.readTree(mapper.writeValueAsBytes(((Reply.Json) reply).body()));
    }

    private Reply handle(String body) throws Exception {
        Call call = new Call(new Caller(Optional.of(ALICE)), Map.of(), body.getBytes(StandardCharsets.UTF_8), mapper);
        return CreateDownloadCall.route("slurm", drives, t.service).handler().handle(call);
    }
}
