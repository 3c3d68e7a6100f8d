package dk.sdu.im.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dk.sdu.im.api.log.Audit;
import dk.sdu.im.api.log.LogOutput;
import dk.sdu.im.db.Database;
import dk.sdu.im.db.DatabaseSettings;
import dk.sdu.im.ipc.AdminConnection;
import dk.sdu.im.ipc.AdminToServer;
import dk.sdu.im.ipc.IpcClient;
import dk.sdu.im.ipc.IpcClosed;
import dk.sdu.im.ipc.ServerToAdmin;
import dk.sdu.im.server.identity.FakeAccounts;
import dk.sdu.im.server.identity.UserDirectory;
import dk.sdu.im.server.instances.InstanceSupervisor;
import dk.sdu.im.server.instances.ProcFacts;
import dk.sdu.im.server.instances.RouteTable;
import dk.sdu.im.testkit.core.CoreTokens;
import dk.sdu.im.testkit.core.FakeCore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each security-relevant event of IM/Server reaches the audit trail as one JSON line with its fields, driven through
 * the real classes (HTTP calls, the IPC socket, the supervisor launching a real process); and neither a token nor the
 * refresh token ever appears in a line, even when a caller plants them where a username goes.
 */
class AuditTrailTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    Path dir;
    private FakeCore core;
    private ServerFixture fixture;
    private AuditFile audit;
    private String refreshToken;

    @BeforeEach
    void start() throws Exception {
        core = FakeCore.start();
        fixture = new ServerFixture(dir, core);
        refreshToken = fixture.provider.refreshToken();
        audit = new AuditFile(dir.resolve("audit.log"), List.of(refreshToken));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            assertThat(String.join("\n", audit.lines())).as("no secret in any line").doesNotContain(refreshToken);
        } finally {
            fixture.close();
            core.close();
            audit.close();
        }
    }

    @Test
    void aForgedTokenIsAuditedWithWhyAndNeitherItNorARefreshTokenPlantedAsTheUserIsWritten() throws Exception {
        fixture.start("type: sqlite\n", "");
        String forged = CoreTokens.withNewKey(fixture.provider.tokens().issuer(), Clock.systemUTC(), new SecureRandom())
                .serviceToken();

        var planted = fixture.client.asSystem().withToken(forged).withUsernameHeader(refreshToken)
                .retrieve("integration/retrieveManifest", Map.of());
        var asUser = fixture.client.asSystem().withToken(forged).withUsernameHeader(forged)
                .retrieve("integration/retrieveManifest", Map.of());

        assertThat(planted.status()).isEqualTo(401);
        assertThat(asUser.status()).isEqualTo(401);
        JsonNode line = audit.await("token.rejected", l -> l.path("claimed_user").asText().equals("[secret]"));
        assertThat(line.path("by").asText()).isEqualTo("im-server");
        assertThat(line.path("reason").asText()).contains("signature");
        assertThat(line.path("process").asText()).isEqualTo("im-server");
        assertThat(Instant.parse(line.path("time").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(audit.await("token.rejected", l -> l.path("claimed_user").isNull()))
                .as("a header that is no username names nobody").isNotNull();
        String all = String.join("\n", audit.lines());
        assertThat(all).doesNotContain(forged).doesNotContain(forged.substring(forged.lastIndexOf('.') + 1));
        assertThat(audit.lines()).allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
    }

    @Test
    void mappingsRecordedAtStartUpAreAuditedWithTheirAccounts() throws Exception {
        fixture.start("type: sqlite\n", "");

        JsonNode line = audit.await("mapping.created", l -> l.path("ucloud_user").asText().equals("alice#1234"));
        assertThat(line.path("local_user").asText()).isEqualTo("alice");
        assertThat(line.path("uid").asInt()).isEqualTo(1100);
        assertThat(line.path("why").asText()).contains("identity.mappings");
    }

    @Test
    void removedMappingsAreAuditedWithWhy() throws Exception {
        var accounts = new FakeAccounts().with("alice", 1100).with("bob", 1101);
        try (Database database = Database.open(DatabaseSettings.sqlite(dir.resolve("im.sqlite3")), Clock.systemUTC())) {
            new UserDirectory(database.userMappings(), accounts, Map.of("alice#1", "alice", "bob#2", "bob"), 1000,
                    new Audit()).reconcile();
            var withoutBob = new UserDirectory(database.userMappings(), accounts, Map.of("alice#1", "alice"), 1000,
                    new Audit());
            withoutBob.reconcile();
            withoutBob.unlink("alice#1");
        }

        JsonNode bob = audit.await("mapping.removed", l -> l.path("ucloud_user").asText().equals("bob#2"));
        assertThat(bob.path("local_user").asText()).isEqualTo("bob");
        assertThat(bob.path("uid").asInt()).isEqualTo(1101);
        assertThat(bob.path("why").asText()).contains("no longer in config.yml");
        JsonNode alice = audit.await("mapping.removed", l -> l.path("ucloud_user").asText().equals("alice#1"));
        assertThat(alice.path("why").asText()).contains("UCloud cleared the connection");
    }

    @Test
    void refusedLaunchesAreAuditedWithTheStatusAndWhy() throws Exception {
        fixture.start("type: sqlite\n", "");

        var unmapped = fixture.client.asUser("mallory#666").post("integration/init", "{\"username\":\"mallory#666\"}");
        var otherUid = fixture.client.asUser("alice#1234").post("integration/init", "{\"username\":\"alice#1234\"}");

        assertThat(unmapped.status()).isEqualTo(403);
        JsonNode mallory = audit.await("launch.refused", l -> l.path("ucloud_user").asText().equals("mallory#666"));
        assertThat(mallory.path("status").asInt()).isEqualTo(403);
        assertThat(mallory.path("reason").asText()).contains("not mapped");
        assertThat(otherUid.status()).as("a direct launch serves only IM/Server's own uid").isEqualTo(503);
        JsonNode alice = audit.await("launch.refused", l -> l.path("ucloud_user").asText().equals("alice#1234"));
        assertThat(alice.path("status").asInt()).isEqualTo(503);
        assertThat(alice.path("reason").asText()).contains("direct launch serves only uid");
    }

    @Test
    void anAdminCommandIsAuditedWithItsCallerOrTheRefusedPeerIs() throws Exception {
        fixture.start("type: sqlite\n", "");
        Path socket = dir.resolve("ipc").resolve("ucloud.sock");
        long pid = ProcessHandle.current().pid();

        if (dk.sdu.im.api.host.ProcessIdentity.effectiveUid() == 0) {
            try (AdminConnection admin = IpcClient.connectAsAdmin(socket)) {
                assertThat(admin.request(new AdminToServer.ListInstances(""))).isInstanceOf(ServerToAdmin.Instances.class);
            }
            JsonNode line = audit.await("admin.command");
            assertThat(line.path("uid").asInt()).isZero();
            assertThat(line.path("gid").asInt()).isZero();
            assertThat(line.path("pid").asLong()).isEqualTo(pid);
            assertThat(line.path("command").asText()).isEqualTo("ListInstances");
            assertThat(line.path("arguments").asText()).isEqualTo("after=");
            assertThat(line.path("outcome").asText()).isEqualTo("ok");
        } else {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> IpcClient.connectAsAdmin(socket)
                    .request(new AdminToServer.ListInstances(""))).isInstanceOf(IpcClosed.class);
            JsonNode line = audit.await("ipc.peer_refused", l -> l.path("reason").asText().contains("not permitted"));
            assertThat(line.path("pid").asLong()).isEqualTo(pid);
            assertThat(line.path("kind").asText()).isEqualTo("local_user");
        }
    }

    @Test
    void aLaunchIsAuditedForWhomAndTheInstancesLinesAndItsStopCarryTheUser() throws Exception {
        var records = new CopyOnWriteArrayList<LogRecord>();
        Handler capture = capturing(records);
        Logger instances = Logger.getLogger(InstanceSupervisor.class.getPackageName());
        instances.addHandler(capture);
        try (Database database = Database.open(DatabaseSettings.sqlite(dir.resolve("im.sqlite3")), Clock.systemUTC())) {
            var directory = new UserDirectory(database.userMappings(), new FakeAccounts().with("alice", 1100),
                    Map.of("alice#1234", "alice"), 1000, new Audit());
            var supervisor = new InstanceSupervisor(directory,
                    account -> new ProcessBuilder("sh", "-c", "echo 'hello from the instance'; exec sleep 60")
                            .redirectErrorStream(true).start(),
                    new NoRoutes(), ProcFacts.system(), Clock.systemUTC(), Duration.ofSeconds(60), Duration.ofSeconds(900),
                    mapped -> { }, null, null, new Audit());
            try {
                supervisor.instancePort("alice#1234");
                JsonNode launched = audit.await("instance.launched");
                assertThat(launched.path("ucloud_user").asText()).isEqualTo("alice#1234");
                assertThat(launched.path("local_user").asText()).isEqualTo("alice");
                assertThat(launched.path("uid").asInt()).isEqualTo(1100);
                long pid = launched.path("pid").asLong();
                assertThat(ProcessHandle.of(pid)).as("the launched process").isPresent();

                LogRecord line = await(records, r -> r.getMessage().endsWith("| hello from the instance"));
                assertThat(line.getMessage()).startsWith("instance alice#1234 (alice, launch pid " + pid + ")");
                assertThat(line.getParameters()).containsExactly(new LogOutput.InstanceOf("alice#1234", "alice", pid));
            } finally {
                supervisor.close();
            }
            assertThat(await(records, r -> r.getMessage().startsWith("stopping the instance for alice#1234 (alice)")))
                    .isNotNull();
        } finally {
            instances.removeHandler(capture);
        }
    }

    private static LogRecord await(List<LogRecord> records, java.util.function.Predicate<LogRecord> matches)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            for (LogRecord record : records) {
                if (record.getMessage() != null && matches.test(record)) {
                    return record;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such log record in " + records.stream().map(LogRecord::getMessage).toList());
    }

    private static Handler capturing(List<LogRecord> records) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    /** The supervisor announces nothing in these tests: no instance registers. */
    private static final class NoRoutes implements RouteTable {
        @Override
        public void up(String ucloudUsername, int port) {
        }

        @Override
        public void down(String ucloudUsername) {
        }

        @Override
        public long quietMillis(String ucloudUsername) {
            return Long.MAX_VALUE;
        }
    }
}
