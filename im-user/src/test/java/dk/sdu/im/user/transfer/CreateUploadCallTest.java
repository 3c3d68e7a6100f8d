package dk.sdu.im.user.transfer;

import static dk.sdu.im.user.transfer.DownloadServiceTest.failure;
import static dk.sdu.im.user.transfer.UploadFixture.ALICE;
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
import dk.sdu.im.api.rpc.UsernameHints;
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

/** Contract 3.4.4 on the wire: {@code POST /ucloud/<id>/files/upload} answers one upload per item, in order. */
class CreateUploadCallTest {
    static final String DRIVE_12 = CreateDownloadCallTest.DRIVE_12;

    @TempDir
    Path temp;
    UploadFixture t;
    final ObjectMapper mapper = Json.boundaryMapper();
    Function<Files.Drive, DriveRoot> drives;

    @BeforeEach
    void drive() throws Exception {
        t = new UploadFixture(temp);
        t.file("a.txt", new byte[] {1});
        drives = drive -> {
            if (drive == null || !"12".equals(drive.id())) {
                throw ApiException.forbidden("Not one of your drives");
            }
            return t.drive;
        };
    }

    @Test
    void routeIsAUserCallOnTheContractPath() {
        Route route = CreateUploadCall.route("slurm", drives, t.service);

        assertThat(route.method()).isEqualTo("POST");
        assertThat(route.path()).isEqualTo("/ucloud/slurm/files/upload");
        assertThat(route.callName()).isEqualTo("files.createUpload");
        assertThat(route.access()).isEqualTo(Access.USER);
    }

    @Test
    void everyItemGetsItsUploadInOrderAndUnknownFieldsAreIgnored() throws Exception {
        String body = "{\"items\":[{\"id\":\"/12/a.txt\",\"type\":\"FILE\",\"supportedProtocols\":[\"CHUNKED\",\"WEBSOCKET\"],"
                + "\"conflictPolicy\":\"RENAME\",\"resolvedCollection\":" + DRIVE_12 + ",\"extra\":{\"x\":1}},"
                + "{\"id\":\"/12/up\",\"type\":\"FOLDER\",\"supportedProtocols\":[\"CHUNKED\",\"WEBSOCKET\"],"
                + "\"conflictPolicy\":\"RENAME\",\"resolvedCollection\":" + DRIVE_12 + "},"
                + "{\"id\":\"/12/b.txt\",\"type\":\"FILE\",\"conflictPolicy\":\"REJECT\",\"resolvedCollection\":" + DRIVE_12 + "}]}";

        JsonNode responses = replyOf(body).get("responses");

        assertThat(responses).hasSize(3);
        assertThat(responses.get(0).get("protocol").asText()).as("the browser's offer, for a file too").isEqualTo("WEBSOCKET_V2");
        assertThat(responses.get(1).get("protocol").asText()).isEqualTo("WEBSOCKET_V2");
        assertThat(responses.get(2).get("protocol").asText()).isEqualTo("WEBSOCKET_V2");
        String[] paths = {"/12/a(1).txt", "/12/up", "/12/b.txt"};
        for (int i = 0; i < 3; i++) {
            JsonNode response = responses.get(i);
            assertThat(response.get("endpoint").asText())
                    .isEqualTo("https://slurm.example.org/ucloud/slurm/upload?token=" + response.get("token").asText()
                            + "&usernameHint=YWxpY2UjMTIzNA==");
            assertThat(t.service.redeem(response.get("token").asText(), UsernameHints.NONE).ucloudPath()).isEqualTo(paths[i]);
        }
    }

    @Test
    void requestWithoutItemsGetsAnEmptyObject() throws Exception {
        assertThat(mapper.writeValueAsString(((Reply.Json) handle("{}")).body())).isEqualTo("{}");
    }

    @Test
    void oneBadItemFailsTheCallWithItsError() {
        String body = "{\"items\":[{\"id\":\"/12/b.txt\",\"type\":\"FILE\",\"conflictPolicy\":\"REJECT\",\"resolvedCollection\":" + DRIVE_12 + "},"
                + "{\"id\":\"/12/a.txt\",\"type\":\"FILE\",\"conflictPolicy\":\"REJECT\",\"resolvedCollection\":" + DRIVE_12 + "}]}";

        ApiException error = failure(() -> handle(body));
        assertThat(error.status()).isEqualTo(409);
        assertThat(error.why()).isEqualTo("A file already exists at /12/a.txt");
    }

    @Test
    void itemWithoutDriveOrWithAForeignDriveIsRefused() {
        assertThat(failure(() -> handle("{\"items\":[{\"id\":\"/12/x.txt\",\"type\":\"FILE\"}]}")).status()).isEqualTo(403);
        assertThat(failure(() -> handle("{\"items\":[{\"id\":\"/13/x.txt\",\"type\":\"FILE\",\"resolvedCollection\":{\"id\":\"13\"}}]}"))
                .status()).isEqualTo(403);
    }

    @Test
    void malformedBodiesAre400() {
        assertThat(failure(() -> handle("{\"items\":")).status()).isEqualTo(400);
        assertThat(failure(() -> handle("{\"items\":\"a\"}")).why()).contains("list of items");
        assertThat(failure(() -> handle("{\"items\":[null]}")).status()).isEqualTo(400);
        assertThat(failure(() -> handle("{\"items\":[{\"type\":\"FILE\",\"resolvedCollection\":" + DRIVE_12 + "}]}")).why())
                .isEqualTo("A path is required");
    }

    @Test
    void callWithoutAUserIsRefused() {
        Call call = new Call(new Caller(Optional.empty()), Map.of(), "{}".getBytes(StandardCharsets.UTF_8), mapper);
        assertThat(failure(() -> CreateUploadCall.route("slurm", drives, t.service).handler().handle(call)).status()).isEqualTo(403);
    }

    private JsonNode replyOf(String body) throws Exception {
        Reply reply = handle(body);
        return mapper.readTree(mapper.writeValueAsBytes(((Reply.Json) reply).body()));
    }

    private Reply handle(String body) throws Exception {
        Call call = new Call(new Caller(Optional.of(ALICE)), Map.of(), body.getBytes(StandardCharsets.UTF_8), mapper);
        return CreateUploadCall.route("slurm", drives, t.service).handler().handle(call);
    }
}
