package dk.sdu.im.testkit.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Connections, usage reports and background tasks (contract 4.3, 4.4, 4.6). */
class CallbacksTest {
    private FakeCore core;
    private CoreHttp http;
    private String token;

    @BeforeEach
    void start() {
        core = FakeCore.start();
        http = new CoreHttp(core);
        token = http.accessToken(core.registerProvider("slurm"));
        core.seedProduct(Products.compute("slurm", "cpu", "cpu-1", "Core hour"));
    }

    @AfterEach
    void stop() {
        http.close();
        core.close();
    }

    private static String usage(String provider, String username) {
        return """
                {"items":[{"isDeltaCharge":false,"owner":{"type":"user","username":"%s","projectId":""},
                  "categoryIdV2":{"name":"cpu","provider":"%s"},"usage":1260,
                  "description":{"scope":null,"description":null}}]}""".formatted(username, provider);
    }

    @Test
    void approvingAndClearingConnectionsIsRecordedPerProvider() {
        var approved = http.post("/api/providers/integration/control/approveConnection", "{\"username\":\"alice#1234\"}", token);
        http.post("/api/providers/integration/control/approveConnection", "{\"username\":\"bob#1\"}", token);
        http.post("/api/providers/integration/control/clearConnection", "{\"username\":\"bob#1\"}", token);

        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json()).isEqualTo(CoreHttp.json("{}"));
        assertThat(core.approvedConnections("slurm")).containsExactly("alice#1234");
        assertThat(core.clearedConnections("slurm")).containsExactly("bob#1");
        assertThat(core.approvedConnections("other")).isEmpty();
        assertThat(http.post("/api/providers/integration/control/approveConnection", "{}", token).status())
                .isEqualTo(400);
    }

    @Test
    void usageReportAnswersTrueUntilTheWalletIsLocked() {
        var open = http.post("/api/accounting/v2/reportUsage", usage("slurm", "alice#1234"), token);
        core.lockWallet("alice#1234", "cpu");
        var locked = http.post("/api/accounting/v2/reportUsage", usage("slurm", "alice#1234"), token);

        assertThat(open.json()).isEqualTo(CoreHttp.json("{'responses':[true]}"));
        assertThat(locked.json()).isEqualTo(CoreHttp.json("{'responses':[false]}"));
        assertThat(core.usageReports()).hasSize(2);
        assertThat(core.usageReports().getFirst().get("usage").asLong()).isEqualTo(1260);
    }

    @Test
    void usageForAnotherProvidersOrUnknownCategoryIsForbidden() {
        core.registerProvider("other");
        core.seedProduct(Products.compute("other", "gpu", "gpu-1", "GPU hour"));

        var foreign = http.post("/api/accounting/v2/reportUsage", usage("other", "alice#1234"), token);
        var unknown = http.post("/api/accounting/v2/reportUsage",
                usage("slurm", "alice#1234").replace("\"cpu\"", "\"nope\""), token);

        assertThat(foreign.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(core.usageReports()).isEmpty();
    }

    @Test
    void tasksAreCreatedUpdatedAndCompleted() {
        var created = http.post("/api/tasks", """
                {"user":"alice#1234","title":"Copying","body":null,"progress":"0/10","canPause":false,
                 "canCancel":true,"icon":"copy"}""", token);
        long id = created.json().get("id").asLong();

        var status = http.post("/api/tasks/postStatus",
                "{\"update\":{\"id\":" + id + ",\"newTitle\":\"Copying files\",\"newPercentage\":50.0}}", token);
        var complete = http.post("/api/tasks/markAsComplete", "{\"id\":" + id + "}", token);

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("title").asText()).isEqualTo("Copying");
        assertThat(created.json().get("canCancel").asBoolean()).isTrue();
        assertThat(status.status()).isEqualTo(200);
        assertThat(complete.status()).isEqualTo(200);
        assertThat(core.tasks()).singleElement().satisfies(task -> {
            assertThat(task.get("title").asText()).isEqualTo("Copying files");
            assertThat(task.get("percentage").asDouble()).isEqualTo(50.0);
            assertThat(task.get("updates")).hasSize(1);
            assertThat(task.get("complete").asBoolean()).isTrue();
        });
        assertThat(http.post("/api/tasks/markAsComplete", "{\"id\":999}", token).status()).isEqualTo(404);
    }
}
