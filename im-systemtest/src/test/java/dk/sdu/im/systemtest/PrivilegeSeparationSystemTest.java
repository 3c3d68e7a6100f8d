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
 * user, IM/User instances launched through the sudo rule, UCloud's calls through the public listener (the embedded
 * gateway, or HAProxy in front of it: {@link Installation#MODE}).
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
        Reply reply = client.asUserWithClaim("bob#5678").withUsernameHeader("alice#1234").post("files/browse", browse("alice#1234", "/home/" + ALICE));
        assertThat(reply.status()).isEqualTo(403);
    }

    @Test
    @Order(4)
    void alicesTokenWithBobsHeaderIsRefusedByBobsInstance() throws Exception {
        Reply reply = client.asUserWithClaim("alice#1234").withUsernameHeader("bob#5678").post("files/browse", browse("bob#5678", "/home/" + BOB));
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

    /** A mapped user whom the sudo rule may not run (outside the group) is not connected and gets no drives. */
    @Test
    @Order(5)
    void aMappedUserOutsideTheGroupIsNotConnectedAndGetsNoDrives() throws Exception {
        Reply connect = client.asSystem().post("integration/connect", "{\"username\":\"carol#9\"}");
        assertThat(connect.status()).as(connect.body()).isEqualTo(200);
        assertThat(connect.json().get("redirectTo").asText()).contains("/integration/howToConnect");
        assertThat(statusOf(() -> browseAs("carol#9", CAROL))).as("and cannot be launched").isNotEqualTo(200);
        assertThat(site.core.drives(Installation.PROVIDER)).noneSatisfy(drive ->
                assertThat(drive.get("providerGeneratedId").asText()).contains("carol#9"));
        assertThat(Host.instancesOf(CAROL)).isEmpty();
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
        assertThat(result.exit()).as(result.output()).isEqualTo(77);
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

    /**
     * Any local user may connect to the IPC socket; one who holds 300 silent connections and re-opens each one the
     * server closes gets a few slots, an instance launched meanwhile still registers, and the log gets a few lines
     * with counts instead of one per connection (DESIGN 4.9, 4.11).
     */
    @Test
    @Order(9)
    void aLocalUsersFloodOfTheIpcSocketStopsNoColdStartAndDoesNotFloodTheLog() throws Exception {
        Host.instancesOf(ALICE).forEach(pid -> run("kill", "-9", pid.toString()));
        assertThat(eventually(() -> Host.instancesOf(ALICE).isEmpty() && !running("alice#1234"))).isTrue();
        Path source = Path.of("/tmp/IpcFlood.java");
        Files.copy(getClass().getResourceAsStream("/IpcFlood.java"), source, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        source.toFile().setReadable(true, false);
        String javaBin = ProcessHandle.current().info().command().orElseThrow();
        Process flood = new ProcessBuilder(as(CAROL, javaBin, source.toString(), RUN.resolve("ucloud.sock").toString(), "300", "12"))
                .redirectErrorStream(true).start();
        try (var output = new java.io.BufferedReader(new java.io.InputStreamReader(flood.getInputStream()))) {
            assertThat(output.readLine()).isEqualTo("OPENED");
            assertThat(browseAs("alice#1234", ALICE).status()).as("a cold start during the flood " + site.log()).isEqualTo(200);
            String made = output.readLine();
            assertThat(flood.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            String carolUid = "uid=" + Host.uid(CAROL);
            long lines = site.log().lines().filter(line -> line.contains(carolUid) || line.contains("uid " + Host.uid(CAROL))).count();
            assertThat(made).startsWith("MADE ");
            assertThat(Long.parseLong(made.substring(5))).as("the flood really re-opened connections").isGreaterThan(300);
            assertThat(lines).as("log lines about carol's " + made).isLessThanOrEqualTo(12);
        } finally {
            flood.destroyForcibly();
        }
    }

    /**
     * Any local user can see an instance's loopback port (it is in the kernel's socket table). Carol holds 2,000 slow
     * connections to alice's instance and re-opens each one it closes: the instance closes every one unread (only the
     * gateway's account may connect), never answers one of them, keeps serving alice, does not run out of memory
     * (the same process is there after), and logs a few lines about carol with counts (DESIGN 4.11).
     */
    @Test
    @Order(9)
    void aLocalUsersSlowConnectionsToAnInstanceAreRefusedUnreadAndTheUserIsStillServed() throws Exception {
        assertThat(browseAs("alice#1234", ALICE).status()).isEqualTo(200);
        List<Long> instance = Host.instancesOf(ALICE);
        assertThat(instance).hasSize(1);
        int port = listeningPort(ALICE);
        Path source = Path.of("/tmp/InstanceFlood.java");
        Files.copy(getClass().getResourceAsStream("/InstanceFlood.java"), source, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        source.toFile().setReadable(true, false);
        String javaBin = ProcessHandle.current().info().command().orElseThrow();
        Process flood = new ProcessBuilder(as(CAROL, javaBin, source.toString(), Integer.toString(port), "2000", "15"))
                .redirectErrorStream(true).start();
        try {
            var said = new java.util.concurrent.CompletableFuture<List<String>>();
            Thread.ofVirtual().start(() -> said.complete(new java.io.BufferedReader(
                    new java.io.InputStreamReader(flood.getInputStream())).lines().toList()));
            int browses = 0;
            while (flood.isAlive()) { // alice uses her instance throughout, so it also does not idle out
                assertThat(browseAs("alice#1234", ALICE).status()).as("alice during the flood " + site.log()).isEqualTo(200);
                browses++;
                Thread.sleep(500);
            }
            List<String> output = said.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(output).as("the flood's output, port " + port + site.log()).hasSize(2).first().isEqualTo("OPENED");
            assertThat(output.getLast()).matches("MADE \\d+ ANSWERED 0");
            assertThat(Long.parseLong(output.getLast().split(" ")[1])).as("the flood re-opened what was closed")
                    .isGreaterThan(2000);
            assertThat(browses).as("alice was served while it lasted").isGreaterThan(5);
        } finally {
            flood.destroyForcibly();
        }
        assertThat(Host.instancesOf(ALICE)).as("the same instance lives on").isEqualTo(instance);
        assertThat(browseAs("alice#1234", ALICE).status()).isEqualTo(200);
        String carol = "uid " + Host.uid(CAROL);
        long lines = site.log().lines().filter(line -> line.contains("refused a connection from " + carol)
                || line.contains("'refused " + carol + "'")).count();
        assertThat(lines).as("log lines about carol's connections").isBetween(1L, 4L);
    }

    /**
     * IM/Server's own API port is as visible as an instance's. Carol holds 200 slow connections to it for 5 s: every
     * one is closed unread (only IM/Server's own account and root may connect), and UCloud's system calls through the
     * gateway are served throughout.
     */
    @Test
    @Order(9)
    void aLocalUsersConnectionsToIMServersOwnApiAreRefusedUnread() throws Exception {
        Path source = Path.of("/tmp/InstanceFlood.java");
        Files.copy(getClass().getResourceAsStream("/InstanceFlood.java"), source, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        source.toFile().setReadable(true, false);
        String javaBin = ProcessHandle.current().info().command().orElseThrow();
        Process flood = new ProcessBuilder(as(CAROL, javaBin, source.toString(), Integer.toString(site.serverPort), "200", "5"))
                .redirectErrorStream(true).start();
        try {
            var said = new java.util.concurrent.CompletableFuture<List<String>>();
            Thread.ofVirtual().start(() -> said.complete(new java.io.BufferedReader(
                    new java.io.InputStreamReader(flood.getInputStream())).lines().toList()));
            while (flood.isAlive()) {
                Reply products = client.asSystem().get("jobs/retrieveProducts", java.util.Map.of());
                assertThat(products.status()).as("a system call during the flood " + site.log()).isEqualTo(200);
                Thread.sleep(500);
            }
            List<String> output = said.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(output).as("the flood's output, port " + site.serverPort + site.log()).hasSize(2);
            assertThat(output.getLast()).matches("MADE \\d+ ANSWERED 0");
        } finally {
            flood.destroyForcibly();
        }
    }

    /** The one TCP port {@code user} listens on (their instance's), as the kernel's socket table shows it to anyone. */
    private static int listeningPort(String user) throws java.io.IOException {
        String uid = Integer.toString(Host.uid(user));
        List<Integer> ports = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals("0A") && fields[7].equals(uid)) {
                    ports.add(Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16));
                }
            }
        }
        assertThat(ports).as("the ports " + user + " listens on").hasSize(1);
        return ports.getFirst();
    }

    @Test
    @Order(9)
    void aKilledInstanceIsReplacedOnTheNextRequest() throws Exception {
        assertThat(browseAs("alice#1234", ALICE).status()).as("an instance to kill (an earlier one may have idled out)").isEqualTo(200);
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

    /**
     * Without UCloud's token nothing is started, nothing registered, and the answer is the same for a mapped user, a
     * mapped user outside the group and an unknown one: capability links without an instance, and probes, are 404.
     */
    @Test
    @Order(9)
    void anonymousRequestsStartNothingAndAnswerAlikeForEveryUser() throws Exception {
        Host.instancesOf(BOB).forEach(pid -> run("kill", "-9", pid.toString()));
        assertThat(eventually(() -> Host.instancesOf(BOB).isEmpty() && !running("bob#5678"))).isTrue();
        int drives = site.core.drives(Installation.PROVIDER).size();
        var http = java.net.http.HttpClient.newHttpClient();
        var answers = new java.util.HashSet<String>();
        for (String user : List.of("bob#5678", "carol#9", "nobody#1")) {
            String hint = java.util.Base64.getUrlEncoder().encodeToString(user.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            var link = http.send(java.net.http.HttpRequest.newBuilder(site.gateway().resolve(
                    "/ucloud/" + Installation.PROVIDER + "/download?token=0123456789abcdef&usernameHint=" + hint)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            Reply headerOnly = client.asUser(user).withToken(null).post("files/browse", browse(user, "/home/" + BOB));
            answers.add(link.statusCode() + " " + link.body());
            answers.add(headerOnly.status() + " " + headerOnly.body());
        }
        assertThat(answers).as("one answer for everyone").hasSize(1);
        assertThat(answers.iterator().next()).startsWith("404 ");
        String forged = dk.sdu.im.testkit.core.CoreTokens.create(
                java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair(), "cloud.sdu.dk", java.time.Clock.systemUTC())
                .serviceToken();
        assertThat(client.asUser("bob#5678").withToken(forged).post("files/browse", browse("bob#5678", "/home/" + BOB)).status())
                .as("a token UCloud did not sign").isEqualTo(401);
        assertThat(Host.instancesOf(BOB)).as("nothing was launched").isEmpty();
        assertThat(site.core.drives(Installation.PROVIDER)).as("nothing was registered").hasSize(drives);
        assertThat(browseAs("bob#5678", BOB).status()).as("UCloud's own call still starts bob's instance").isEqualTo(200);
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

    /** Issue 13, break 3: the launcher loads lib/user/*, so a jar added after IM/Server started is checked too. */
    @Test
    @Order(10)
    void aJarTheServiceAccountDropsIntoTheClassPathStopsLaunchesUntilRemoved() throws Exception {
        Path dropped = PREFIX.resolve("lib/user/zz-dropped.jar");
        Files.writeString(dropped, "not a jar");
        must("chown", SERVICE + ":", dropped.toString());
        try {
            Host.instancesOf(ALICE).forEach(pid -> run("kill", "-9", pid.toString()));
            assertThat(eventually(() -> Host.instancesOf(ALICE).isEmpty() && !running("alice#1234"))).isTrue();
            assertThat(statusOf(() -> browseAs("alice#1234", ALICE))).isEqualTo(503);
            assertThat(site.log()).contains("refusing to launch user instances: " + dropped + " is owned by uid "
                    + Host.uid(SERVICE) + ", not root; run: chown root: " + dropped);
            assertThat(Host.instancesOf(ALICE)).isEmpty();
        } finally {
            Files.delete(dropped);
        }
        assertThat(eventually(() -> statusOf(() -> browseAs("alice#1234", ALICE)) == 200)).as(site.log()).isTrue();
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

    /**
     * Everything an instance prints reaches IM/Server's log marked as that instance's, one escaped line at a time: a
     * user cannot write lines that pass for IM/Server's own (DESIGN 4.10's spirit). SIGQUIT, which the user may send
     * to their own instance, makes its JVM print a thread dump of many lines, tabs included.
     */
    @Test
    @Order(10)
    void whatAnInstancePrintsIsLoggedAsThatInstancesEscaped() throws Exception {
        assertThat(browseAs("alice#1234", ALICE).status()).isEqualTo(200);
        long pid = Host.instancesOf(ALICE).getFirst();
        must(as(ALICE, "kill", "-QUIT", Long.toString(pid)));

        // a frame line of the dump starts with a tab, shown escaped; the dump is relayed line by line, so wait for both
        assertThat(eventually(() -> site.log().contains("| Full thread dump") && site.log().contains("| \\u0009at ")))
                .as(site.log()).isTrue();
        List<String> dump = site.log().lines().filter(line -> line.contains("Full thread dump") || line.contains("\"main\""))
                .toList();
        assertThat(dump).isNotEmpty().allSatisfy(line ->
                assertThat(line).matches("\\S+ INFO im-server InstanceOutput: instance alice#1234 \\(" + ALICE
                        + ", launch pid \\d+\\) \\| .*"));
    }

    /**
     * An instance that does not stop when asked (here: stopped with SIGSTOP, as a wedged JVM would be) is not reported
     * gone while it lives: its route is down, its IPC connection closed, its user served by a fresh instance; once it
     * runs again it notices the lost IPC and ends itself (DESIGN 4.12).
     */
    @Test
    @Order(10)
    void anInstanceThatDoesNotStopWhenAskedIsNotReportedGoneAndEndsItselfOnceItCan() throws Exception {
        assertThat(browseAs("alice#1234", ALICE).status()).isEqualTo(200);
        long pid = Host.instancesOf(ALICE).getFirst();
        int seen = site.log().length();
        must("kill", "-STOP", Long.toString(pid));
        try {
            assertThat(eventually(() -> site.log().substring(seen).contains("instance for alice#1234 did not stop within")))
                    .as(site.log()).isTrue();
            assertThat(site.log().substring(seen)).doesNotContain("instance for alice#1234 exited");
            assertThat(Host.alive(pid)).isTrue();
            assertThat(browseAs("alice#1234", ALICE).status()).as("served by a fresh instance").isEqualTo(200);
        } finally {
            // sudo stops itself when its command stops (job control), so it is continued too
            long sudo = ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(pid);
            must("kill", "-CONT", Long.toString(pid), Long.toString(sudo));
        }
        assertThat(eventually(() -> !Host.alive(pid))).as("it ended itself").isTrue();
    }

    @Test
    @Order(11)
    void anIdleInstanceExits() throws Exception {
        assertThat(browseAs("alice#1234", ALICE).status()).isEqualTo(200);
        assertThat(Host.instancesOf(ALICE)).isNotEmpty();
        assertThat(eventually(() -> Host.instancesOf(ALICE).isEmpty())).as("idle timeout is 10 s").isTrue();
    }

    /**
     * The service account turned hostile (DESIGN 4.5): with IM/Server stopped it binds the IPC socket itself, launches
     * alice's instance through the sudo rule and assigns it bob#5678, so that bob's tokens, which the gateway sees,
     * would read alice's files. The instance checks the assignment against the root-owned mappings and exits.
     */
    @Test
    @Order(12)
    void aHostileServiceAccountCannotAssignAlicesInstanceToBob() throws Exception {
        site.stopServer();
        assertThat(eventually(() -> Host.instancesOf(ALICE).isEmpty())).isTrue();
        Path source = Path.of("/tmp/HostileServer.java");
        Files.copy(getClass().getResourceAsStream("/HostileServer.java"), source, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        source.toFile().setReadable(true, false);
        String javaBin = ProcessHandle.current().info().command().orElseThrow();
        try {
            var attack = run(as(SERVICE, javaBin, "--enable-native-access=ALL-UNNAMED", "-cp", PREFIX.resolve("lib") + "/*",
                    source.toString(), RUN.resolve("ucloud.sock").toString(), "bob#5678", ALICE,
                    Integer.toString(Host.uid(ALICE)), PREFIX.resolve("bin/ucloud-im-user").toString()));
            assertThat(attack.output()).as(attack.output()).contains("EXIT 70")
                    .contains("IM/User refuses to serve bob#5678: identity.mappings maps bob#5678 to " + BOB);
        } finally {
            site.startServer();
        }
        assertThat(eventually(() -> statusOf(() -> browseAs("alice#1234", ALICE)) == 200)).as(site.log()).isTrue();
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

    private static boolean running(String ucloudUser) {
        return Host.running(RUN.resolve("ucloud.sock"), ucloudUser);
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

    private static boolean eventually(BooleanSupplier condition) {
        return Host.eventually(PATIENCE, condition);
    }
}
