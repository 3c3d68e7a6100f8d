package dk.sdu.im.server;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.testkit.core.FakeCore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IM/Server's system calls (contract 3.1, 3.2) driven through the testkit client exactly as Core calls them.
 * Subclasses choose the database; every behaviour must hold on each.
 */
abstract class SystemCallsContract {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    FakeCore core;
    ServerFixture fixture;
    private String database;

    /** The {@code database:} section of config.yml for this database. */
    abstract String databaseYaml();

    @BeforeEach
    void startCore() {
        core = FakeCore.start();
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        core.close();
    }

    ServerFixture started() throws Exception {
        database = databaseYaml();
        fixture = new ServerFixture(dir, core).start(database, "");
        return fixture;
    }

    /** Stops the server and starts another on the same configuration and database. */
    private void restarted() throws Exception {
        fixture.close();
        fixture.start(database, "");
    }

    private boolean productsRegistered() throws InterruptedException {
        return core.awaitRequest(r -> r.is("POST", "/api/products/v2") && r.status() == 200, WAIT);
    }

    @Test
    void manifestIsEnabledWithNullExpiry() throws Exception {
        var reply = started().client.asSystem().retrieve("integration/retrieveManifest", Map.of());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().toString()).isEqualTo("{\"enabled\":true,\"expireAfterMs\":null}");
    }

    @Test
    void storageSupportListsConfiguredStorageProducts() throws Exception {
        var json = started().client.asSystem().retrieve("files/collections/retrieveProducts", Map.of()).json();
        assertThat(json.get("responses")).hasSize(1);
        assertThat(json.at("/responses/0/product").toString()).isEqualTo("{\"id\":\"home\",\"category\":\"home\",\"provider\":\"slurm\"}");
        assertThat(json.at("/responses/0/files/trashSupported").asBoolean()).isTrue();
        assertThat(json.at("/responses/0/files/streamingSearchSupported").asBoolean()).as("IM/User searches").isTrue();
        assertThat(json.at("/responses/0/files/searchSupported").asBoolean()).as("Core never calls files/search").isFalse();
        assertThat(json.at("/responses/0/files/sharesSupported").asBoolean()).isFalse();
        assertThat(json.at("/responses/0/stats/sizeInBytes").asBoolean()).as("IM/User's listing has sizes").isTrue();
        assertThat(json.at("/responses/0/stats/unixOwner").asBoolean()).isTrue();
    }

    @Test
    void computeSupportListsConfiguredComputeProductsWithNativeBackendOff() throws Exception {
        var json = started().client.asSystem().retrieve("jobs/retrieveProducts", Map.of()).json();
        assertThat(json.at("/responses/0/product/id").asText()).isEqualTo("cpu-1");
        assertThat(json.at("/responses/0/native/enabled").asBoolean(true)).isFalse();
    }

    @Test
    void unsupportedResourceProductsAreEmptyObjects() throws Exception {
        started();
        for (String resource : List.of("ingresses", "networkips", "licenses", "private-networks")) {
            var reply = fixture.client.asSystem().retrieve(resource + "/retrieveProducts", Map.of());
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("{}");
        }
    }

    @Test
    void systemCallWithUserContextIsForbidden() throws Exception {
        var reply = started().client.asUser("alice#1234").retrieve("integration/retrieveManifest", Map.of());
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("statusCode").asInt()).isEqualTo(403);
        assertThat(reply.why()).contains("user context");
    }

    @Test
    void forgedMissingExpiredAndUnsignedTokensAre401() throws Exception {
        var system = started().client.asSystem();
        var tokens = fixture.provider.tokens();
        String expired = tokens.mint(c -> c.issueTime(new java.util.Date(System.currentTimeMillis() - 3_600_000))
                .expirationTime(new java.util.Date(System.currentTimeMillis() - 3_000_000)));
        String[] parts = tokens.serviceToken().split("\\.");
        String unsigned = base64Url("{\"alg\":\"none\"}") + "." + parts[1] + ".";
        String otherKey = FakeCore.start().registerProvider("other").tokens().serviceToken();
        for (String token : new String[] {null, expired, unsigned, otherKey, "garbage"}) {
            var reply = system.withToken(token).retrieve("integration/retrieveManifest", Map.of());
            assertThat(reply.status()).as("token %s", token).isEqualTo(401);
            assertThat(reply.why()).isEqualTo("Unauthorized");
        }
    }

    @Test
    void connectOfMappedUserApprovesAtUCloudAndRedirectsThere() throws Exception {
        var reply = started().client.asSystem().post("integration/connect", "{\"username\":\"alice#1234\"}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("redirectTo").asText()).isEqualTo("https://cloud.example.org");
        assertThat(core.approvedConnections(ServerFixture.PROVIDER)).containsExactly("alice#1234");
        assertThat(core.drives(ServerFixture.PROVIDER)).singleElement().satisfies(drive -> {
            assertThat(drive.get("providerGeneratedId").asText()).isEqualTo("home alice#1234\n/home/alice");
            assertThat(drive.at("/specification/product/id").asText()).isEqualTo("home");
            assertThat(drive.at("/owner/createdBy").asText()).isEqualTo("alice#1234");
        });
    }

    @Test
    void connectAgainDoesNotRegisterTheDrivesTwice() throws Exception {
        var system = started().client.asSystem();
        system.post("integration/connect", "{\"username\":\"alice#1234\"}");
        system.post("integration/connect", "{\"username\":\"alice#1234\"}");
        assertThat(core.drives(ServerFixture.PROVIDER)).hasSize(1);
        assertThat(core.requests()).filteredOn(r -> r.path().equals("/api/files/collections/control/register")).hasSize(1);
    }

    @Test
    void connectOfUnmappedUserRedirectsToTheHelpPageWithoutApproving() throws Exception {
        var reply = started().client.asSystem().post("integration/connect", "{\"username\":\"mallory#666\"}");
        assertThat(reply.json().get("redirectTo").asText())
                .isEqualTo("https://slurm.example.org/ucloud/slurm/integration/howToConnect?username=mallory%23666");
        assertThat(core.approvedConnections(ServerFixture.PROVIDER)).isEmpty();
        var page = fixture.client.asSystem().withToken(null).get("integration/howToConnect", Map.of("username", "mallory#666"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("mallory#666").contains("Ask support for an account.");
    }

    @Test
    void connectWhileUCloudIsDownIs503AndNothingIsLost() throws Exception {
        started();
        assertThat(productsRegistered()).isTrue();
        core.setOutage(true);
        var reply = fixture.client.asSystem().post("integration/connect", "{\"username\":\"alice#1234\"}");
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.why()).contains("try again");
        core.setOutage(false);
        assertThat(fixture.client.asSystem().post("integration/connect", "{\"username\":\"alice#1234\"}").status()).isEqualTo(200);
        assertThat(core.approvedConnections(ServerFixture.PROVIDER)).containsExactly("alice#1234");
    }

    @Test
    void connectWithMalformedOrMissingUsernameIs400() throws Exception {
        var system = started().client.asSystem();
        assertThat(system.post("integration/connect", "{\"username\":").status()).isEqualTo(400);
        assertThat(system.post("integration/connect", "{}").status()).isEqualTo(400);
        assertThat(system.post("integration/connect", "[1,2]").status()).isEqualTo(400);
        assertThat(system.post("integration/connect", "{\"username\":\"" + "x".repeat(300) + "\"}").status()).isEqualTo(400);
    }

    @Test
    void oversizedBodyIs413AndTheServerKeepsServing() throws Exception {
        var system = started().client.asSystem();
        var reply = system.post("integration/connect", "{\"username\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}");
        assertThat(reply.status()).isEqualTo(413);
        assertThat(system.retrieve("integration/retrieveManifest", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void unlinkedForgetsTheRecordedMappingSoANewUidIsAcceptedAfterwards() throws Exception {
        var system = started().client.asSystem();
        assertThat(system.post("integration/connect", "{\"username\":\"alice#1234\"}").status()).isEqualTo(200);
        fixture.accounts.with("alice", 1200);
        assertThat(system.post("integration/connect", "{\"username\":\"alice#1234\"}").status())
                .as("a recorded uid never changes silently").isEqualTo(403);
        assertThat(system.post("integration/unlinked", "{\"username\":\"alice#1234\"}").body()).isEqualTo("{}");
        assertThat(system.post("integration/connect", "{\"username\":\"alice#1234\"}").status()).isEqualTo(200);
    }

    @Test
    void initForAnUnmappedUserIsRefusedWith403WithOrWithoutUserContext() throws Exception {
        started();
        var anonymous = fixture.client.asSystem().post("integration/init", "{\"username\":\"mallory#666\"}");
        assertThat(anonymous.status()).isEqualTo(403);
        assertThat(anonymous.why()).contains("not connected");
        var asMallory = fixture.client.asUser("mallory#666").post("integration/init", "{\"username\":\"mallory#666\"}");
        assertThat(asMallory.status()).isEqualTo(403);
    }

    @Test
    void initForAnotherUserThanTheTokensIsForbidden() throws Exception {
        var reply = started().client.asUser("bob#5678").post("integration/init", "{\"username\":\"alice#1234\"}");
        assertThat(reply.status()).isEqualTo(403);
    }

    @Test
    void usernameHeaderDisagreeingWithTheClaimIsForbidden() throws Exception {
        started();
        var mismatch = fixture.client.asUserWithClaim("mallory#666").withUsernameHeader("alice#1234")
                .post("integration/init", "{\"username\":\"mallory#666\"}");
        assertThat(mismatch.status()).isEqualTo(403);
        assertThat(mismatch.json().get("why").asText()).contains("does not match the user of the token");
    }

    /**
     * {@code core.userContext: auto} (the default) at IM/Server: an unmapped user's {@code init} reaches the handler
     * (which refuses the launch) while the header names the user; once a call carrying the claim was served, the
     * same claimless call is refused before any handler runs, also after a restart on the same database.
     */
    @Test
    void autoServesClaimlessCallsUntilAClaimIsSeenAndRefusesThemFromThenOnAcrossRestarts() throws Exception {
        started();
        assertThat(initWhy(fixture.client.asUser("mallory#666"))).contains("not connected");
        assertThat(initWhy(fixture.client.asUserWithClaim("mallory#666"))).contains("not connected");

        assertThat(initWhy(fixture.client.asUser("mallory#666"))).contains("token carries no user context");
        restarted();
        assertThat(initWhy(fixture.client.asUser("mallory#666"))).contains("token carries no user context");
        assertThat(fixture.client.asSystem().retrieve("integration/retrieveManifest", Map.of()).status())
                .as("system calls are untouched").isEqualTo(200);
    }

    private static String initWhy(dk.sdu.im.testkit.client.Caller caller) {
        var reply = caller.post("integration/init", "{\"username\":\"mallory#666\"}");
        assertThat(reply.status()).isEqualTo(403);
        return reply.json().get("why").asText();
    }

    @Test
    void productsAreRegisteredAtStartUp() throws Exception {
        started();
        assertThat(productsRegistered()).isTrue();
        assertThat(core.products(ServerFixture.PROVIDER)).extracting(p -> p.get("name").asText())
                .containsExactlyInAnyOrder("cpu-1", "home");
        assertThat(fixture.fatal).isEmpty();
    }

    @Test
    void registrationRetriesWhileUCloudIsDownAndTheServerKeepsServing() throws Exception {
        core.setOutage(true);
        started();
        assertThat(core.awaitRequest(r -> r.is("POST", "/auth/providers/refresh") && r.status() == 503
                && core.requests().stream().filter(x -> x.is("POST", "/auth/providers/refresh")).count() >= 3, WAIT))
                .as("several refused attempts").isTrue();
        assertThat(fixture.client.asSystem().retrieve("integration/retrieveManifest", Map.of()).status()).isEqualTo(200);
        core.setOutage(false);
        assertThat(productsRegistered()).isTrue();
        assertThat(fixture.fatal).isEmpty();
    }

    @Test
    void changedAccountingUnitOfARegisteredCategoryIsFatal() throws Exception {
        core.seedProduct((com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"type":"compute","productType":"COMPUTE","name":"cpu-old","description":"",
                 "category":{"name":"cpu","provider":"slurm","productType":"COMPUTE",
                   "accountingUnit":{"name":"Core minute","namePlural":"Core minutes","floatingPoint":false,"displayFrequencySuffix":true},
                   "accountingFrequency":"PERIODIC_MINUTE","freeToUse":false,"allowSubAllocations":true},
                 "price":1,"fraction":{"numerator":1,"denominator":1},"hiddenInGrantApplications":false,"usage":null,
                 "cpu":1,"memoryInGigs":1,"gpu":0,"balance":0,"maxUsableBalance":0,"pricePerUnit":0}
                """));
        started();
        assertThat(core.awaitRequest(r -> r.path().equals("/api/products/v2/browse"), WAIT)).isTrue();
        String fatal = fixture.fatal.poll(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(fatal).isNotNull().contains("'cpu'").contains("Core minute").contains("config.yml");
        assertThat(core.requests()).noneMatch(r -> r.is("POST", "/api/products/v2"));
    }

    @Test
    void accessTokenIsReusedWhileFreshAndRenewedBeforeExpiry() throws Exception {
        started();
        assertThat(productsRegistered()).isTrue();
        assertThat(core.refreshCount(ServerFixture.PROVIDER)).as("one token for browse and create").isEqualTo(1);
        fixture.close();
        core.close();
        core = FakeCore.start(FakeCore.Options.defaults().withAccessTokenLifetime(Duration.ofMinutes(2)));
        fixture = new ServerFixture(dir.resolve("second"), core).start(databaseYaml(), "");
        assertThat(productsRegistered()).isTrue();
        assertThat(core.refreshCount(ServerFixture.PROVIDER)).as("a 2-minute token is renewed before each use").isEqualTo(2);
    }

    @Test
    void everyRequestIsLoggedWithCallUserStatusAndDuration() throws Exception {
        try (var requestLog = new RequestLogLines()) {
            started().client.asUser("mallory#666").post("integration/init", "{\"username\":\"mallory#666\"}");
            fixture.client.asSystem().withToken("garbage").retrieve("jobs/retrieveProducts", Map.of());
            // Each line is written after its reply is sent, so the two may come in either order.
            assertThat(requestLog.await("call=integration.init "))
                    .matches("call=integration\\.init user=mallory#666 status=403 ms=[0-9]+\\.[0-9]{2}");
            assertThat(requestLog.await("call=jobs.retrieveProducts "))
                    .matches("call=jobs\\.retrieveProducts user=- status=401 ms=[0-9]+\\.[0-9]{2}");
        }
    }

    private static String base64Url(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
