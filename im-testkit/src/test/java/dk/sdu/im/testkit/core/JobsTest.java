package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class JobsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private FakeCore core;
    private CoreHttp http;
    private String token;

    @BeforeEach
    void start() {
        core = FakeCore.start(FakeCore.Options.defaults().withClock(clock));
        http = new CoreHttp(core);
        token = http.accessToken(core.registerProvider("slurm"));
        core.createJob("slurm", "4213", "alice#1234", specification());
    }

    @AfterEach
    void stop() {
        http.close();
        core.close();
    }

    private static ObjectNode specification() {
        return (ObjectNode) CoreHttp.json("""
                {'product':{'id':'cpu-1','category':'cpu','provider':'slurm'},'application':{'name':'app','version':'1'},
                 'replicas':1,'parameters':{},'resources':[],'timeAllocation':{'hours':1,'minutes':0,'seconds':0}}""");
    }

    private CoreHttp.Res update(String items) {
        return http.post("/api/jobs/control/update", "{\"items\":[" + items.replace('\'', '"') + "]}", token);
    }

    private String state() {
        return core.job("4213").at("/status/state").asText();
    }

    @Test
    void createdJobStartsInQueueWithNoUpdates() {
        JsonNode job = http.get("/api/jobs/control/retrieve?id=4213", token).json();

        assertThat(job.at("/status/state").asText()).isEqualTo("IN_QUEUE");
        assertThat(job.get("updates")).isEmpty();
        assertThat(job.at("/owner/createdBy").asText()).isEqualTo("alice#1234");
        assertThat(job.get("createdAt").asLong()).isEqualTo(clock.millis());
    }

    @Test
    void updatesAreAppliedInOrderAndStampedWithCoresClock() {
        CoreHttp.Res res = update("""
                {'id':'4213','update':{'state':null,'outputFolder':'/12/Jobs/4213','status':'Submitted','timestamp':0}},
                {'id':'4213','update':{'state':'RUNNING','status':'Running','timestamp':0}}""");

        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json()).isEqualTo(CoreHttp.json("{}"));
        JsonNode job = core.job("4213");
        assertThat(job.at("/status/state").asText()).isEqualTo("RUNNING");
        assertThat(job.at("/output/outputFolder").asText()).isEqualTo("/12/Jobs/4213");
        assertThat(job.at("/status/startedAt").asLong()).isEqualTo(clock.millis());
        assertThat(job.at("/status/expiresAt").asLong()).isEqualTo(clock.millis() + 3_600_000);
        assertThat(job.get("updates")).hasSize(2);
        assertThat(job.at("/updates/1/timestamp").asLong()).isEqualTo(clock.millis());
    }

    @Test
    void finalStateIsNotLeftForANonFinalOne() {
        update("{'id':'4213','update':{'state':'SUCCESS','timestamp':0}}");

        CoreHttp.Res res = update("{'id':'4213','update':{'state':'RUNNING','status':'again?','timestamp':0}}");

        assertThat(res.status()).isEqualTo(200);
        assertThat(state()).isEqualTo("SUCCESS");
        assertThat(core.job("4213").get("updates")).hasSize(1);
    }

    @Test
    void expectedStateAndExpectedDifferentStateGuardUpdates() {
        update("{'id':'4213','update':{'state':'RUNNING','expectedState':'SUSPENDED','timestamp':0}}");
        assertThat(state()).isEqualTo("IN_QUEUE");

        update("{'id':'4213','update':{'state':'RUNNING','expectedState':'IN_QUEUE','timestamp':0}}");
        assertThat(state()).isEqualTo("RUNNING");

        update("{'id':'4213','update':{'state':'RUNNING','expectedDifferentState':true,'status':'dup','timestamp':0}}");
        assertThat(core.job("4213").get("updates")).hasSize(1);
    }

    @Test
    void unknownJobIsNotFoundNamingTheId() {
        CoreHttp.Res res = update("{'id':'9999','update':{'state':'RUNNING','timestamp':0}}");

        assertThat(res.status()).isEqualTo(404);
        assertThat(res.why()).isEqualTo("Not found or permission denied (9999)");
    }

    @Test
    void anotherProvidersJobIsNotFoundAndUntouched() {
        String otherToken = http.accessToken(core.registerProvider("other"));

        CoreHttp.Res res = http.post("/api/jobs/control/update",
                "{\"items\":[{\"id\":\"4213\",\"update\":{\"state\":\"FAILURE\",\"timestamp\":0}}]}", otherToken);

        assertThat(res.status()).isEqualTo(404);
        assertThat(state()).isEqualTo("IN_QUEUE");
        assertThat(http.get("/api/jobs/control/retrieve?id=4213", otherToken).status()).isEqualTo(404);
    }

    @Test
    void malformedUpdatesAreRefusedBeforeAnythingIsApplied() {
        assertThat(update("{'id':'4213','update':{'state':'RUNNING','timestamp':0}},"
                + "{'id':'4213','update':{'state':'CANCELLED','timestamp':0}}").status()).isEqualTo(400);
        assertThat(update("{'id':'4213','update':{'state':'RUNNING','timestamp':null}}").status()).isEqualTo(400);
        assertThat(state()).isEqualTo("IN_QUEUE");
    }

    @Test
    void newTimeAllocationReplacesTheAllocation() {
        update("{'id':'4213','update':{'state':'RUNNING','timestamp':0}}");
        update("{'id':'4213','update':{'newTimeAllocation':5400000,'timestamp':0}}");

        JsonNode job = core.job("4213");
        assertThat(job.at("/specification/timeAllocation")).isEqualTo(
                CoreHttp.json("{'hours':1,'minutes':30,'seconds':0}"));
        assertThat(job.at("/status/expiresAt").asLong()).isEqualTo(clock.millis() + 5_400_000);
    }

    @Test
    void browseListsTheCallersJobsFilteredByState() {
        core.createJob("slurm", "4214", "bob#1", specification());
        update("{'id':'4214','update':{'state':'RUNNING','timestamp':0}}");

        assertThat(http.get("/api/jobs/control/browse", token).json().get("items")).hasSize(2);
        JsonNode running = http.get("/api/jobs/control/browse?filterState=RUNNING&itemsPerPage=1", token).json();
        assertThat(running.get("items")).hasSize(1);
        assertThat(running.at("/items/0/id").asText()).isEqualTo("4214");
        assertThat(running.get("next").isNull()).isTrue();
    }

    @Test
    void checkExistenceConfirmsOnlyTheCallersResources() {
        String otherToken = http.accessToken(core.registerProvider("other"));
        String body = "{\"items\":[{\"type\":\"job\",\"id\":\"4213\"},{\"type\":\"job\",\"id\":\"1\"},"
                + "{\"type\":\"file_collection\",\"id\":\"1\"},{\"type\":\"ingress\",\"id\":\"1\"}]}";

        assertThat(http.post("/api/providers/resources/checkExistence", body, token).json())
                .isEqualTo(CoreHttp.json("{'responses':[true,false,false,false]}"));
        assertThat(http.post("/api/providers/resources/checkExistence", body, otherToken).json().at("/responses/0")
                .asBoolean()).isFalse();
        assertThat(http.post("/api/providers/resources/checkExistence",
                "{\"items\":[{\"type\":\"bogus\",\"id\":\"1\"}]}", token).status()).isEqualTo(400);
    }
}
