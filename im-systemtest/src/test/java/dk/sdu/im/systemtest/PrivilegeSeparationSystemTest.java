package dk.sdu.im.systemtest;

import static dk.sdu.im.systemtest.Host.as;
import static dk.sdu.im.systemtest.Host.must;
import static dk.sdu.im.systemtest.Host.run;
import static dk.sdu.im.systemtest.Installation.ALICE;
import static dk.sdu.im.systemtest.Installation.BOB;
import static dk.sdu.im.systemtest.Installation.CAROL;
import static dk.sdu.im.systemtest.Installation.PREFIX;
import static dk.sdu.im.systemtest.Installation.RUN;
import static dk.sdu.im.systemtest.Installation.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.sdu.im.testkit.browser.FrontendDownload;
import dk.sdu.im.testkit.client.ProviderClient;
import dk.sdu.im.testkit.client.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * DESIGN section 4 end to end, with real accounts, real sudo and real processes: IM/Server as the service
 * user, IM/User instances launched through the sudo rule, UCloud's calls through the embedded gateway.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrivilegeSeparationSystemTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private final ObjectMapper json = new ObjectMapper();
    private Installation site;
    private ProviderClient client;

    @BeforeAll
    void install() throws Exception {
        assumeTrue(Host.root(), "needs root: creates accounts, installs a sudo rule and runs processes as other users");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "needs sudo (./test installs it when run as root)");
        site = Installation.install(Path.of(System.getProperty("im.dist")));
        client = new ProviderClient(site.gateway(), Installation.PROVIDER, site.provider.tokens());
    }

    @AfterAll
    void uninstall() throws Exception {
        if (site == null) {
            return;
        }
        site.stopServer();
        assertThat(eventually(() -> Host.instancesOf(ALICE).isEmpty() && Host.instancesOf(BOB).isEmpty()))
                .as("no instance outlives IM/Server").isTrue();
        site.close();
    }

    private ObjectNode browse(String ucloudUser, String home) throws Exception {
        return (ObjectNode) json.readTree("""
                {"resolvedCollection":{"id":"7","providerGeneratedId":"home %s\\n%s"},
                 "Browse":{"flags":{"path":"/7"},"itemsPerPage":50,"next":null,"sortBy":"PATH","sortDirection":"ascending"}}
                """.formatted(ucloudUser, home));
    }

    private Reply browseAs(String ucloudUser, String localUser) throws Exception {
        return client.asUser(ucloudUser).post("files/browse", browse(ucloudUser, "/home/" + localUser));
    }

    @Test
    @Order(1)
    void aliceIsServedByAProcessRunningAsAlice() throws Exception {
        Path secret = Path.of("/home", ALICE, "only-alice.txt");
        Files.writeString(secret, "alice's\n");
        must("chown", ALICE + ":", secret.toString());
        must("chmod", "0600", secret.toString());
        Reply reply = browseAs("alice#1234", ALICE);
        assertThat(reply.status()).as(reply.body() + site.log()).isEqualTo(200);
        assertThat(reply.json().get("items")).anySatisfy(item -> {
            assertThat(item.get("id").asText()).isEqualTo("/7/only-alice.txt");
            assertThat(item.at("/status/unixOwner").asInt()).isEqualTo(Host.uid(ALICE));
        });
        assertThat(Host.instancesOf(ALICE)).hasSize(1);
        assertThat(eventually(() -> site.core.drives(Installation.PROVIDER).stream().anyMatch(d ->
                d.get("providerGeneratedId").asText().equals("home alice#1234\n/home/" + ALICE)))).as("home drive registered").isTrue();
    }

    @Test
    @Order(2)
    void anotherUsersTokenWithAlicesHeaderIsRefused() throws Exception {
        Reply reply = client.asUser("bob#5678").withUsernameHeader("alice#1234").post("files/browse", browse("alice#1234", "/home/" + ALICE));
        assertThat(reply.status()).isEqualTo(403);
    }

    @Test
    @Order(3)
    void aTokenWithoutUserContextIsRefusedByTheInstance() throws Exception {
        Reply reply = client.asSystem().withUsernameHeader("alice#1234").post("files/browse", browse("alice#1234", "/home/" + ALICE));
        assertThat(reply.status()).isEqualTo(403);
    }

    @Test
    @Order(4)
    void alicesTokenWithBobsHeaderIsRefusedByBobsInstance() throws Exception {
        Reply reply = client.asUser("alice#1234").withUsernameHeader("bob#5678").post("files/browse", browse("bob#5678", "/home/" + BOB));
        assertThat(reply.status()).as(reply.body()).isEqualTo(403);
    }

    @Test
    @Order(5)
    void aDriveOutsideTheUsersHomeIsRefused() throws Exception {
        Reply reply = client.asUser("alice#1234").post("files/browse", browse("alice#1234", "/home/" + BOB));
        assertThat(reply.status()).isEqualTo(403);
    }

    @Test
    @Order(5)
    void aDownloadTokenServesAlicesFileAndIsRefusedByBobsInstance() throws Exception {
        Path file = Path.of("/home", ALICE, "only-alice.txt");
        Reply created = client.asUser("alice#1234").post("files/download", json.readTree("""
                {"items":[{"id":"/7/only-alice.txt","resolvedCollection":{"id":"7","providerGeneratedId":"home alice#1234\\n/home/%s"}}]}
                """.formatted(ALICE)));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String endpoint = created.json().at("/responses/0/endpoint").asText();
        assertThat(endpoint).startsWith(site.gateway().toString()).contains("token=").doesNotContain("usernameHint=");
        var http = java.net.http.HttpClient.newHttpClient();
        String asAlice = FrontendDownload.normalize(endpoint, "alice#1234");
        var asBrowser = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(asAlice)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(asBrowser.statusCode()).isEqualTo(200);
        assertThat(asBrowser.body()).isEqualTo(Files.readAllBytes(file));
        assertThat(asBrowser.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        String atBob = FrontendDownload.normalize(endpoint, "bob#5678");
        var refused = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(atBob)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as("another user's instance never issued this token").isEqualTo(404);
    }

    private String drive(String ucloudUser, String localUser) {
        return "{\"id\":\"7\",\"providerGeneratedId\":\"home " + ucloudUser + "\\n/home/" + localUser + "\"}";
    }

    @Test
    @Order(5)
    void fileOperationsRunAsAliceAndStayInHerDrive() throws Exception {
        String home = drive("alice#1234", ALICE);
        var alice = client.asUser("alice#1234");
        Reply folder = alice.post("files/folder", "{\"items\":[{\"id\":\"/7/made-by-ucloud\",\"conflictPolicy\":\"REJECT\","
                + "\"resolvedCollection\":" + home + "}]}");
        assertThat(folder.status()).as(folder.body()).isEqualTo(200);
        Path made = Path.of("/home", ALICE, "made-by-ucloud");
        assertThat((Integer) Files.getAttribute(made, "unix:uid")).as("created by alice's own process").isEqualTo(Host.uid(ALICE));
        Reply copy = alice.post("files/copy", "{\"items\":[{\"oldId\":\"/7/only-alice.txt\",\"newId\":\"/7/made-by-ucloud/copy.txt\","
                + "\"conflictPolicy\":\"RENAME\",\"resolvedOldCollection\":" + home + ",\"resolvedNewCollection\":" + home + "}]}");
        assertThat(copy.status()).as(copy.body()).isEqualTo(200);
        assertThat(Files.readString(made.resolve("copy.txt"))).isEqualTo("alice's\n");
        assertThat((Integer) Files.getAttribute(made.resolve("copy.txt"), "unix:uid")).isEqualTo(Host.uid(ALICE));
        Reply trash = alice.post("files/trash", "{\"items\":[{\"id\":\"/7/made-by-ucloud\",\"resolvedCollection\":" + home + "}]}");
        assertThat(trash.status()).as(trash.body()).isEqualTo(200);
        assertThat(Path.of("/home", ALICE, "Trash", "made-by-ucloud", "copy.txt")).exists();
        Reply traversal = alice.post("files/folder", "{\"items\":[{\"id\":\"/7/../../../tmp/escaped\",\"conflictPolicy\":\"REJECT\","
                + "\"resolvedCollection\":" + home + "}]}");
        assertThat(traversal.status()).isBetween(400, 499);
        assertThat(Path.of("/tmp/escaped")).doesNotExist();
    }

    @Test
    @Order(5)
    void aSymlinkToBobsHomeDoesNotLetAliceIn() throws Exception {
        Path link = Path.of("/home", ALICE, "to-bob");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("/home", BOB));
        must("chown", "-h", ALICE + ":", link.toString());
        var browseBob = (ObjectNode) json.readTree("""
                {"resolvedCollection":%s,"Browse":{"flags":{"path":"/7/to-bob"},"itemsPerPage":50}}""".formatted(drive("alice#1234", ALICE)));
        Reply reply = client.asUser("alice#1234").post("files/browse", browseBob);
        assertThat(reply.status()).as(reply.body()).isEqualTo(403);
    }

    @Test
    @Order(6)
    void sudoAllowsOnlyTheLauncherWithoutArgumentsAsGroupMembers() {
        String launcher = PREFIX.resolve("bin/ucloud-im-user").toString();
        assertThat(run(as(SERVICE, "sudo", "-n", "-u", ALICE, "-l", launcher)).exit()).as("allowed: the launcher as alice").isZero();
        assertThat(run(as(SERVICE, "sudo", "-n", "-u", "root", launcher)).exit()).as("as root").isNotZero();
        assertThat(run(as(SERVICE, "sudo", "-n", "-u", "#0", launcher)).exit()).as("as #0").isNotZero();
        assertThat(run(as(SERVICE, "sudo", "-n", "-u", CAROL, launcher)).exit()).as("outside the group").isNotZero();
        assertThat(run(as(SERVICE, "sudo", "-n", "-u", ALICE, launcher, "--evil")).exit()).as("extra argument").isNotZero();
        assertThat(run(as(SERVICE, "sudo", "-n", "-u", ALICE, "/usr/bin/id")).exit()).as("another program").isNotZero();
        assertThat(run(as(SERVICE, "sudo", "-n", "-E", "-u", ALICE, launcher)).exit()).as("preserving the environment").isNotZero();
    }

    @Test
    @Order(7)
    void theInstanceRefusesToRunAsRoot() {
        var result = run(PREFIX.resolve("bin/ucloud-im-user").toString());
        assertThat(result.exit()).isEqualTo(77);
        assertThat(result.output().strip()).contains("IM/User refuses to run as root").doesNotContain("\n");
    }

    @Test
    @Order(7)
    void theInstanceClassPathHoldsNoServerOrDatabaseCode() throws Exception {
        try (var jars = Files.list(PREFIX.resolve("lib/user"))) {
            assertThat(jars.map(p -> p.getFileName().toString()).toList())
                    .anySatisfy(name -> assertThat(name).startsWith("im-user-"))
                    .noneSatisfy(name -> assertThat(name).matches("(im-server|im-db|im-testkit|sqlite-jdbc|postgresql|HikariCP|junixsocket).*"));
        }
    }

    @Test
    @Order(7)
    void theInstanceRefusesSystemAccounts() {
        var result = run(as(SERVICE, PREFIX.resolve("bin/ucloud-im-user").toString()));
        assertThat(result.exit()).isEqualTo(77);
        assertThat(result.output()).contains("below identity.minUid");
    }

    @Test
    @Order(8)
    void theAdminCliListsRunningInstancesForRootOnly() throws Exception {
        assertThat(browseAs("alice#1234", ALICE).status()).isEqualTo(200);
        String cli = PREFIX.resolve("bin/ucloud-im").toString();
        var listing = run(cli, "instances", "--config-dir", Installation.ETC.toString());
        assertThat(listing.exit()).as(listing.output()).isZero();
        assertThat(listing.output()).contains("alice#1234").contains(ALICE).contains(Integer.toString(Host.uid(ALICE)));
        var asCarol = run(as(CAROL, cli, "instances", "--config-dir", Installation.ETC.toString()));
        assertThat(asCarol.exit()).isNotZero();
        assertThat(asCarol.output()).doesNotContain("alice#1234");
    }

    @Test
    @Order(8)
    void aLocalUserCannotRegisterARouteOverIpc() throws Exception {
        Path source = Path.of("/tmp/IpcImpostor.java");
        Files.copy(getClass().getResourceAsStream("/IpcImpostor.java"), source, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        source.toFile().setReadable(true, false);
        String java = ProcessHandle.current().info().command().orElseThrow();
        String socket = RUN.resolve("ucloud.sock").toString();
        try (var squatted = new java.net.ServerSocket(0)) {
            var impostor = run(as(CAROL, java, "--enable-native-access=ALL-UNNAMED", "-cp", PREFIX.resolve("lib") + "/*",
                    source.toString(), socket, Integer.toString(squatted.getLocalPort())));
            assertThat(impostor.exit()).as(impostor.output()).isZero();
            assertThat(impostor.output()).doesNotContain("ASSIGNED");
        }
        var garbage = run(as(CAROL, java, "-cp", PREFIX.resolve("lib") + "/*", source.toString(), socket, "garbage"));
        assertThat(garbage.output()).contains("closed");
        assertThat(browseAs("alice#1234", ALICE).status()).as("the server keeps serving").isEqualTo(200);
    }

    @Test
    @Order(9)
    void aKilledInstanceIsReplacedOnTheNextRequest() throws Exception {
        List<Long> before = Host.instancesOf(ALICE);
        assertThat(before).hasSize(1);
        must("kill", "-9", before.getFirst().toString());
        assertThat(eventually(() -> statusOf(() -> browseAs("alice#1234", ALICE)) == 200)).as(site.log()).isTrue();
        List<Long> after = Host.instancesOf(ALICE);
        assertThat(after).hasSize(1);
        assertThat(after.contains(before.getFirst())).as("a new process").isFalse();
    }

    @Test
    @Order(9)
    void concurrentFirstRequestsShareOneLaunch() throws Exception {
        Host.instancesOf(ALICE).forEach(pid -> run("kill", "-9", pid.toString()));
        assertThat(eventually(() -> Host.instancesOf(ALICE).isEmpty())).isTrue();
        assertThat(eventually(() -> !running("alice#1234"))).as("IM/Server noticed the exit").isTrue();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var replies = new ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 6; i++) {
                replies.add(pool.submit(() -> browseAs("alice#1234", ALICE).status()));
            }
            for (var reply : replies) {
                assertThat(reply.get()).isEqualTo(200);
            }
        }
        assertThat(Host.instancesOf(ALICE)).as("one instance for six concurrent first requests").hasSize(1);
    }

    @Test
    @Order(9)
    void initStartsTheInstanceWithOrWithoutTheUsernameHeader() throws Exception {
        Host.instancesOf(BOB).forEach(pid -> run("kill", "-9", pid.toString()));
        assertThat(eventually(() -> Host.instancesOf(BOB).isEmpty() && !running("bob#5678"))).isTrue();
        Reply withHeader = client.asUser("bob#5678").post("integration/init", "{\"username\":\"bob#5678\"}");
        assertThat(withHeader.status()).as(withHeader.body()).isEqualTo(200);
        assertThat(withHeader.body()).isEqualTo("{}");
        assertThat(Host.instancesOf(BOB)).hasSize(1);
        Reply withoutHeader = client.asSystem().post("integration/init", "{\"username\":\"bob#5678\"}");
        assertThat(withoutHeader.status()).isEqualTo(200);
        assertThat(browseAs("bob#5678", BOB).status()).isEqualTo(200);
    }

    @Test
    @Order(10)
    void aWritableJarStopsLaunchesUntilFixed() throws Exception {
        Path jar;
        try (var jars = Files.list(PREFIX.resolve("lib/user"))) {
            jar = jars.filter(p -> p.getFileName().toString().startsWith("im-user")).findFirst().orElseThrow();
        }
        must("chgrp", SERVICE, jar.toString());
        must("chmod", "g+w", jar.toString());
        try {
            Host.instancesOf(ALICE).forEach(pid -> run("kill", "-9", pid.toString()));
            assertThat(eventually(() -> Host.instancesOf(ALICE).isEmpty())).isTrue();
            assertThat(eventually(() -> statusOf(() -> browseAs("alice#1234", ALICE)) == 503)).as(site.log()).isTrue();
            assertThat(Host.instancesOf(ALICE)).isEmpty();
        } finally {
            must("chmod", "g-w", jar.toString());
            must("chgrp", "root", jar.toString());
        }
        assertThat(eventually(() -> statusOf(() -> browseAs("alice#1234", ALICE)) == 200)).isTrue();
    }

    @Test
    @Order(10)
    void theAotCacheIsUsedOnlyWithTheJarsItWasBuiltFrom() throws Exception {
        assertThat(browseAs("alice#1234", ALICE).status()).isEqualTo(200);
        assertThat(mapsAotCache(Host.instancesOf(ALICE).getFirst())).as("built at install, so in use").isTrue();
        Path jar;
        try (var jars = Files.list(PREFIX.resolve("lib/user"))) {
            jar = jars.filter(p -> p.getFileName().toString().startsWith("im-config")).findFirst().orElseThrow();
        }
        must("touch", jar.toString());
        Host.instancesOf(ALICE).forEach(pid -> run("kill", "-9", pid.toString()));
        assertThat(eventually(() -> Host.instancesOf(ALICE).isEmpty() && !running("alice#1234"))).isTrue();
        assertThat(browseAs("alice#1234", ALICE).status()).isEqualTo(200);
        assertThat(mapsAotCache(Host.instancesOf(ALICE).getFirst())).as("a changed jar retires the cache").isFalse();
        must(PREFIX.resolve("bin/ucloud-im").toString(), "aot");
    }

    private static boolean mapsAotCache(long pid) throws Exception {
        return Files.readString(Path.of("/proc/" + pid + "/maps")).contains("im-user.aot");
    }

    @Test
    @Order(11)
    void anIdleInstanceExits() {
        assertThat(Host.instancesOf(ALICE)).isNotEmpty();
        assertThat(eventually(() -> Host.instancesOf(ALICE).isEmpty())).as("idle timeout is 10 s").isTrue();
    }

    @Test
    @Order(12)
    void requestsWorkAgainAfterIMServerRestarts() throws Exception {
        site.stopServer();
        assertThat(eventually(() -> Host.instancesOf(ALICE).isEmpty())).as("IM/Server stops its instances").isTrue();
        site.startServer();
        assertThat(eventually(() -> statusOf(() -> browseAs("alice#1234", ALICE)) == 200)).as(site.log()).isTrue();
    }

    @Test
    @Order(13)
    void withoutTheSudoRuleIMServerSaysSoAtStartAndLaunchesNothing() throws Exception {
        Path rule = Installation.SUDOERS;
        Path saved = Path.of("/tmp/ucloud-im-systest.saved-rule");
        Files.move(rule, saved, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try {
            site.stopServer();
            site.startServer();
            assertThat(site.log()).contains("the sudo rule does not let ucloud run");
            assertThat(statusOf(() -> browseAs("alice#1234", ALICE))).isEqualTo(503);
            assertThat(Host.instancesOf(ALICE)).isEmpty();
        } finally {
            Files.move(saved, rule);
        }
    }

    /** Whether IM/Server lists a running instance for the user (asked over IPC as root, like the CLI). */
    private static boolean running(String ucloudUser) {
        try (var admin = dk.sdu.im.ipc.IpcClient.connectAsAdmin(RUN.resolve("ucloud.sock"))) {
            return admin.request(new dk.sdu.im.ipc.AdminToServer.ListInstances()) instanceof dk.sdu.im.ipc.ServerToAdmin.Instances list
                    && list.instances().stream().anyMatch(i -> i.ucloudUsername().equals(ucloudUser));
        } catch (java.io.IOException | RuntimeException e) {
            return true;
        }
    }

    private interface Call {
        Reply call() throws Exception;
    }

    private static int statusOf(Call call) {
        try {
            return call.call().status();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Waits for a condition that another process brings about (bounded, never a fixed sleep as a check). */
    private static boolean eventually(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
