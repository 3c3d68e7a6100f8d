package dk.sdu.im.systemtest;

import static dk.sdu.im.systemtest.Host.eventually;
import static dk.sdu.im.systemtest.Host.must;
import static dk.sdu.im.systemtest.Installation.ALICE;
import static dk.sdu.im.systemtest.Installation.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.sdu.im.testkit.client.ProviderClient;
import dk.sdu.im.testkit.client.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * UCloud jobs as real Slurm jobs (issue #14), through the testkit playing Core, the embedded gateway, alice's IM/User
 * (sbatch and scancel as alice) and IM/Server's monitor (sacct as the service account), on the single-node cluster
 * of {@link SlurmCluster}. The application is a real definition in Core's shape (resources/jobs): bash running the
 * script the user typed. Each job's updates at the testkit are checked in order and counted: every state arrives
 * once. Job folders are made under alice's and bob's {@code ~/Jobs}, removed before and after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobsSystemTest {
    private static final String ALICE_UCLOUD = "alice#1234";
    private static final String BOB_UCLOUD = "bob#5678";
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** A 1-minute limit is enforced by slurmctld's periodic check plus its kill wait: well within this. */
    private static final Duration EXPIRY_PATIENCE = Duration.ofMinutes(4);
    private static final Path ALICE_JOBS = Path.of("/home", ALICE, "Jobs");

    private SlurmCluster cluster;
    private Installation site;
    private ProviderClient client;
    private SiteJobs jobs;
    private String expiring;

    @BeforeAll
    void install() throws Exception {
        if (!Host.root()) {
            System.err.println("JobsSystemTest skipped: needs root (Slurm daemons, accounts, sudo)");
        }
        assumeTrue(Host.root(), "needs root: installs Slurm, starts its daemons, creates accounts and a sudo rule");
        Installation.accounts();
        cluster = SlurmCluster.start(SlurmCluster.DIR);
        removeJobFolders();
        site = Installation.install(Path.of(System.getProperty("im.dist")), 600, List.of(), computeConfig("debug"));
        client = new ProviderClient(site.gateway(), PROVIDER, site.provider.tokens(), Duration.ofSeconds(20));
        jobs = new SiteJobs(site, client, "cpu");
        assertThat(eventually(PATIENCE, () -> site.core.products(PROVIDER).size() >= 3))
                .as("IM/Server registered its products: %s", site.core.products(PROVIDER)).isTrue();
    }

    @AfterAll
    void uninstall() throws Exception {
        try {
            if (site != null) {
                site.close();
            }
            if (client != null) {
                client.close();
            }
        } finally {
            if (cluster != null) {
                must("bash", "-c", "SLURM_CONF=" + cluster.slurmConf() + " scancel --user=" + ALICE + " || true");
                cluster.close();
            }
            removeJobFolders();
        }
    }

    /** Two compute products on the test cluster's partition, one with a GPU, which its one node has not. */
    private static String computeConfig(String partition) {
        return """
                  cpu:
                    type: compute
                    accountingUnit: {name: Core}
                    accountingFrequency: PERIODIC_MINUTE
                    partition: %s
                    products:
                      - {name: cpu-1, cpu: 1, memoryInGigs: 0}
                      - {name: gpu-1, cpu: 1, memoryInGigs: 0, gpu: 1}
                compute:
                  backend: slurm
                  slurmConf: %s/slurm.conf
                  pollSeconds: 1
                  usageSeconds: 5
                """.formatted(partition, SlurmCluster.DIR);
    }

    // ---- submission and states ------------------------------------------------------------------------------

    @Test
    @Order(0)
    void aJobOverItsTimeLimitIsSubmitted() {
        expiring = submitted(job("sleep 600", 1, "cpu-1"));
    }

    @Test
    @Order(1)
    void aJobRunsAsAliceInHerJobFolderAndReportsRunningThenSuccessOnce() throws IOException {
        String id = submitted(job("id -u > id.txt; echo done", 10, "cpu-1"));

        assertThat(eventually(PATIENCE, () -> isFinal(id))).as("job %s: %s", id, updates(id)).isTrue();
        assertThat(states(id)).containsExactly("RUNNING", "SUCCESS");
        List<JsonNode> updates = updates(id);
        assertThat(updates.getFirst().path("outputFolder").asText()).as("the first update says where the output goes")
                .matches("/[0-9]+/Jobs/shell/" + id);
        assertThat(updates.stream().filter(u -> u.hasNonNull("outputFolder")).count()).isEqualTo(1);
        Path folder = ALICE_JOBS.resolve("shell").resolve(id);
        assertThat(Files.readString(folder.resolve("id.txt")).strip()).isEqualTo(String.valueOf(Host.uid(ALICE)));
        assertThat(Files.getOwner(folder.resolve("id.txt")).getName()).isEqualTo(ALICE);
        assertThat(Files.getOwner(folder.resolve("job.sbatch")).getName()).isEqualTo(ALICE);
        assertThat(Files.readString(folder.resolve("stdout.txt"))).isEqualTo("done\n");
        assertThat(site.core.job(id).path("output").path("outputFolder").asText()).endsWith("/Jobs/shell/" + id);
    }

    @Test
    @Order(1)
    void aJobExitingWithThreeEndsInFailureSayingSo() {
        String id = submitted(job("exit 3", 10, "cpu-1"));

        assertThat(eventually(PATIENCE, () -> isFinal(id))).as("job %s: %s", id, updates(id)).isTrue();
        assertThat(states(id)).containsExactly("RUNNING", "FAILURE");
        assertThat(updates(id).getLast().path("status").asText()).isEqualTo("Exited with code 3");
    }

    @Test
    @Order(1)
    void quotesAndShellSyntaxInAValueReachTheScriptAsOneWord() throws IOException {
        String tricky = "printf '%s\\n' \"$(echo a) `echo b` 'c' \\$HOME\" > words.txt";
        String id = submitted(job(tricky, 10, "cpu-1"));

        assertThat(eventually(PATIENCE, () -> isFinal(id))).as("job %s: %s", id, updates(id)).isTrue();
        assertThat(states(id)).containsExactly("RUNNING", "SUCCESS");
        assertThat(Files.readString(ALICE_JOBS.resolve("shell").resolve(id).resolve("words.txt")))
                .as("bash -c got the value verbatim and ran it, so the quoting is exactly the user's")
                .isEqualTo("a b 'c' $HOME\n");
    }

    @Test
    @Order(2)
    void bobCannotTerminateAlicesJobButAliceCanAndItEndsInSuccess() {
        String id = submitted(job("sleep 300", 10, "cpu-1"));
        assertThat(eventually(PATIENCE, () -> states(id).contains("RUNNING"))).as("job %s: %s", id, updates(id)).isTrue();
        ObjectNode running = (ObjectNode) site.core.job(id);

        Reply byBob = jobs.terminate(BOB_UCLOUD, running);
        assertThat(byBob.status()).as(byBob.body()).isEqualTo(403);
        Reply again = jobs.terminate(BOB_UCLOUD, running);
        assertThat(again.status()).isEqualTo(403);
        assertThat(states(id)).as("bob changed nothing").containsExactly("RUNNING");
        assertThat(squeueState(running.path("providerGeneratedId").asText())).isEqualTo("RUNNING");

        Reply byAlice = jobs.terminate(ALICE_UCLOUD, running);
        assertThat(byAlice.status()).as(byAlice.body()).isEqualTo(200);
        assertThat(eventually(PATIENCE, () -> isFinal(id))).as("job %s: %s", id, updates(id)).isTrue();
        assertThat(states(id)).containsExactly("RUNNING", "SUCCESS");
        assertThat(updates(id).getLast().path("status").asText()).isEqualTo("Cancelled");

        Reply afterEnd = jobs.terminate(ALICE_UCLOUD, running);
        assertThat(afterEnd.status()).as("a job that already ended: %s", afterEnd.body()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void aRequestSlurmRefusesIsA400WithSlurmsWordsAndLeavesNothing() {
        ObjectNode job = job("true", 10, "gpu-1");
        String id = job.path("id").asText();

        Reply reply = jobs.create(ALICE_UCLOUD, job);
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().path("why").asText()).contains("sbatch: error:").contains("gres");
        assertThat(ALICE_JOBS.resolve("shell").resolve(id)).as("no folder is left behind").doesNotExist();
        assertThat(updates(id)).as("nothing is tracked").isEmpty();
    }

    @Test
    @Order(2)
    void followStreamsTheLinesAJobWritesWhileItRunsAndEndsWhenItEnds() throws Exception {
        String id = submitted(job("for i in 1 2 3 4 5; do echo \"line $i\"; echo \"err $i\" >&2; sleep 1; done", 10, "cpu-1"));
        assertThat(eventually(PATIENCE, () -> states(id).contains("RUNNING"))).as("job %s: %s", id, updates(id)).isTrue();
        JsonNode job = site.core.job(id);
        String hint = java.util.Base64.getUrlEncoder().encodeToString(ALICE_UCLOUD.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.net.URI uri = java.net.URI.create(site.gateway().toString().replaceFirst("^http", "ws") + "/ucloud/jobs.provider."
                + PROVIDER + "/websocket?usernameHint=" + hint);
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        JsonNode response = null;
        try (var socket = dk.sdu.im.testkit.browser.BrowserSocket.open(uri,
                java.util.Map.of("Authorization", "Bearer " + site.provider.tokens().serviceToken()), PATIENCE, true)) {
            socket.sendText("{\"call\":\"jobs.provider." + PROVIDER + ".follow\",\"streamId\":\"s1\",\"payload\":"
                    + "{\"type\":\"init\",\"job\":" + job + "},\"bearer\":\"\",\"project\":null}");
            while (response == null) {
                var event = socket.next(PATIENCE).orElseThrow(() -> new AssertionError("follow went quiet: " + stdout));
                if (!(event instanceof dk.sdu.im.testkit.browser.SocketEvent.Text text)) {
                    throw new AssertionError("follow ended without a response: " + event + ", stdout so far: " + stdout);
                }
                JsonNode frame = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text.text());
                if (frame.path("type").asText().equals("message")) {
                    assertThat(frame.path("streamId").asText()).isEqualTo("s1");
                    append(stdout, frame.path("payload").path("stdout"));
                    append(stderr, frame.path("payload").path("stderr"));
                } else if (frame.path("type").asText().equals("response")) {
                    response = frame;
                }
            }
        }
        assertThat(response.path("status").asInt()).isEqualTo(200);
        assertThat(stdout.toString()).isEqualTo("line 1\nline 2\nline 3\nline 4\nline 5\n");
        assertThat(stderr.toString()).isEqualTo("err 1\nerr 2\nerr 3\nerr 4\nerr 5\n");
        assertThat(isFinal(id) || eventually(PATIENCE, () -> isFinal(id))).isTrue();
    }

    private static void append(StringBuilder text, JsonNode value) {
        if (value.isTextual()) {
            text.append(value.asText());
        }
    }

    // ---- restart and usage -----------------------------------------------------------------------------------

    @Test
    @Order(3)
    void aFinalStateReachedWhileIMServerIsDownIsDeliveredOnceAfterItsRestart() throws Exception {
        String id = submitted(job("sleep 6", 10, "cpu-1"));
        assertThat(eventually(PATIENCE, () -> states(id).contains("RUNNING"))).as("job %s: %s", id, updates(id)).isTrue();
        String slurmId = site.core.job(id).path("providerGeneratedId").asText();

        site.killServer();
        assertThat(eventually(PATIENCE, () -> sacctState(slurmId).equals("COMPLETED"))).isTrue();
        site.startServer();

        assertThat(eventually(PATIENCE, () -> isFinal(id))).as("job %s: %s", id, updates(id)).isTrue();
        assertThat(states(id)).containsExactly("RUNNING", "SUCCESS");
    }

    @Test
    @Order(4)
    void usageArrivesForTheOwnerAndASpentAllocationRefusesNewJobsWith402() {
        assertThat(eventually(PATIENCE, () -> usageOf(ALICE_UCLOUD) >= 0)).as("usage reports: %s", site.core.usageReports())
                .isTrue();

        site.core.lockWallet(ALICE_UCLOUD, "cpu");
        int reportsBefore = site.core.usageReports().size();
        assertThat(eventually(PATIENCE, () -> site.core.usageReports().size() > reportsBefore)).isTrue();
        Reply refused = jobs.create(ALICE_UCLOUD, job("true", 10, "cpu-1"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(402);
        assertThat(refused.json().path("why").asText()).contains("no allocation left");

        site.core.unlockWallet(ALICE_UCLOUD, "cpu");
        int reportsLocked = site.core.usageReports().size();
        assertThat(eventually(PATIENCE, () -> site.core.usageReports().size() > reportsLocked)).isTrue();
        String id = submitted(job("true", 10, "cpu-1"));
        assertThat(eventually(PATIENCE, () -> isFinal(id))).as("job %s: %s", id, updates(id)).isTrue();
    }

    @Test
    @Order(5)
    void aJobOverItsOneMinuteLimitEndsExpiredAndItsUsageCounts() {
        assertThat(eventually(EXPIRY_PATIENCE, () -> isFinal(expiring))).as("job %s: %s", expiring, updates(expiring)).isTrue();
        assertThat(states(expiring)).containsExactly("RUNNING", "EXPIRED");
        assertThat(updates(expiring).getLast().path("status").asText()).isEqualTo("Reached its time limit");
        assertThat(eventually(PATIENCE, () -> usageOf(ALICE_UCLOUD) >= 1))
                .as("a minute of one core is at least one core-minute: %s", site.core.usageReports()).isTrue();
    }

    @Test
    @Order(6)
    void underTheProjectPolicyAnAccountTheUserMayNotUseIsA400WithSlurmsWordsAndAMembersJobRuns() throws Exception {
        site.restartWithExtraConfig(computeConfig("debug") + "  accountPolicy: project\n  accountPattern: \"ucloud_{projectId}\"\n");
        ObjectNode alices = jobs.jobInProject(ALICE_UCLOUD, "p1", "true", 10, "cpu-1");

        Reply refused = jobs.create(ALICE_UCLOUD, alices);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("why").asText()).contains("sbatch: error:").contains("account");

        String bobs = jobs.submitted(BOB_UCLOUD, jobs.jobInProject(BOB_UCLOUD, "p1", "sleep 1", 10, "cpu-1"));
        assertThat(eventually(PATIENCE, () -> isFinal(bobs))).as("job %s: %s", bobs, updates(bobs)).isTrue();
        assertThat(states(bobs)).containsExactly("RUNNING", "SUCCESS");
        String slurmId = site.core.job(bobs).path("providerGeneratedId").asText();
        assertThat(Host.run(cluster.as(Installation.BOB, "sacct", "-n", "-X", "-P", "-j", slurmId, "--format=Account,User"))
                .output().strip()).isEqualTo(SlurmCluster.PROJECT_ACCOUNT + "|" + Installation.BOB);
        assertThat(eventually(PATIENCE, () -> site.core.usageReports().stream().anyMatch(r ->
                r.path("owner").path("type").asText().equals("project") && r.path("owner").path("projectId").asText().equals("p1"))))
                .as("usage is reported for the project, not the user: %s", site.core.usageReports()).isTrue();
    }

    @Test
    @Order(7)
    void aPartitionSlurmDoesNotKnowStopsStartUpNamingSlurmsPartitions() throws Exception {
        Host.Result result = site.runServerWithExtraConfig(computeConfig("nosuch"));

        assertThat(result.exit()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("'nosuch' is not a partition Slurm knows").contains("debug");
        site.restartWithExtraConfig(computeConfig("debug"));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private ObjectNode job(String script, int minutes, String product) {
        return jobs.job(ALICE_UCLOUD, script, minutes, product);
    }

    private String submitted(ObjectNode job) {
        return jobs.submitted(ALICE_UCLOUD, job);
    }

    private List<JsonNode> updates(String id) {
        return jobs.updates(id);
    }

    private List<String> states(String id) {
        return jobs.states(id);
    }

    private boolean isFinal(String id) {
        return jobs.isFinal(id);
    }

    private long usageOf(String user) {
        return site.core.usageReports().stream()
                .filter(r -> r.path("owner").path("username").asText().equals(user)
                        && r.path("categoryIdV2").path("name").asText().equals("cpu"))
                .mapToLong(r -> r.path("usage").asLong()).reduce((a, b) -> b).orElse(-1);
    }

    private String squeueState(String slurmId) {
        return Host.run(cluster.as(ALICE, "squeue", "-h", "-j", slurmId, "-o", "%T")).output().strip();
    }

    private String sacctState(String slurmId) {
        return Host.run(cluster.as(ALICE, "sacct", "-n", "-X", "-P", "-j", slurmId, "--format=State")).output().strip();
    }

    private static void removeJobFolders() {
        Host.run("rm", "-rf", ALICE_JOBS.toString(), Path.of("/home", Installation.BOB, "Jobs").toString());
    }
}
