package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DrivesTest {
    private FakeCore core;
    private CoreHttp http;
    private String token;

    @BeforeEach
    void start() {
        core = FakeCore.start();
        http = new CoreHttp(core);
        token = http.accessToken(core.registerProvider("slurm"));
    }

    @AfterEach
    void stop() {
        http.close();
        core.close();
    }

    static String registration(String provider, String generatedId, String createdBy) {
        return """
                {"items":[{"spec":{"title":"Home","product":{"id":"home","category":"home","provider":"%s"},"labels":null},
                  "providerGeneratedId":"%s","createdBy":%s,"project":null,"projectAllRead":false,"projectAllWrite":false}]}
                """.formatted(provider, generatedId, createdBy == null ? "null" : "\"" + createdBy + "\"");
    }

    @Test
    void registeredDriveGetsANumericIdAndCanBeRetrieved() {
        CoreHttp.Res res = http.post("/api/files/collections/control/register",
                registration("slurm", "slurm-alice#1234\\n/home/alice", "alice#1234"), token);

        assertThat(res.status()).isEqualTo(200);
        String id = res.json().at("/responses/0/id").asText();
        assertThat(id).matches("[0-9]+");
        JsonNode drive = http.get("/api/files/collections/control/retrieve?id=" + id, token).json();
        assertThat(drive.get("id").asText()).isEqualTo(id);
        assertThat(drive.get("providerGeneratedId").asText()).isEqualTo("slurm-alice#1234\n/home/alice");
        assertThat(drive.at("/specification/title").asText()).isEqualTo("Home");
        assertThat(drive.at("/specification/product/provider").asText()).isEqualTo("slurm");
        assertThat(drive.at("/owner/createdBy").asText()).isEqualTo("alice#1234");
        assertThat(drive.at("/owner/project").isNull()).isTrue();
        assertThat(drive.get("createdAt").isIntegralNumber()).isTrue();
        assertThat(drive.get("updates")).isEmpty();
        assertThat(drive.get("permissions").isNull()).isTrue();
        assertThat(core.drives("slurm")).hasSize(1);
    }

    @Test
    void projectDriveWithoutCreatorIsOwnedByUcloud() {
        String id = http.post("/api/files/collections/control/register", registration("slurm", "p1", null), token)
                .json().at("/responses/0/id").asText();

        assertThat(http.get("/api/files/collections/control/retrieve?id=" + id, token).json()
                .at("/owner/createdBy").asText()).isEqualTo("_ucloud");
    }

    @Test
    void duplicateProviderGeneratedIdIsConflict() {
        http.post("/api/files/collections/control/register", registration("slurm", "home-alice", "alice#1234"), token);

        CoreHttp.Res again = http.post("/api/files/collections/control/register",
                registration("slurm", "home-alice", "alice#1234"), token);

        assertThat(again.status()).isEqualTo(409);
        assertThat(core.drives("slurm")).hasSize(1);
    }

    @Test
    void registeringADriveOfAnotherProvidersProductIsForbidden() {
        CoreHttp.Res res = http.post("/api/files/collections/control/register",
                registration("other", "home-alice", "alice#1234"), token);

        assertThat(res.status()).isEqualTo(403);
        assertThat(core.drives("slurm")).isEmpty();
    }

    @Test
    void providersOnlySeeTheirOwnDrives() {
        String id = http.post("/api/files/collections/control/register", registration("slurm", "a", "alice#1234"), token)
                .json().at("/responses/0/id").asText();
        String otherToken = http.accessToken(core.registerProvider("other"));

        assertThat(http.get("/api/files/collections/control/retrieve?id=" + id, otherToken).status()).isEqualTo(404);
        assertThat(http.get("/api/files/collections/control/browse", otherToken).json().get("items")).isEmpty();
        assertThat(http.get("/api/files/collections/control/browse?itemsPerPage=10", token).json().get("items"))
                .hasSize(1);
        assertThat(http.get("/api/files/collections/control/retrieve?id=999", token).status()).isEqualTo(404);
    }
}
