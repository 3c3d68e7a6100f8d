package dk.sdu.im.server.instances;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.Json;
import dk.sdu.im.api.auth.CoreTokenVerifier;
import dk.sdu.im.api.auth.UCloudPublicKey;
import dk.sdu.im.api.log.RequestLog;
import dk.sdu.im.api.rpc.CallerResolver;
import dk.sdu.im.api.rpc.RpcServer;
import dk.sdu.im.ipc.InstanceSession;
import dk.sdu.im.ipc.InstanceToServer;
import dk.sdu.im.ipc.Peer;
import dk.sdu.im.ipc.ServerToInstance;
import dk.sdu.im.server.calls.ServerRoutes;
import dk.sdu.im.server.calls.TaskCalls;
import dk.sdu.im.server.ucloud.AccessTokens;
import dk.sdu.im.server.ucloud.CoreClient;
import dk.sdu.im.server.ucloud.TaskClient;
import dk.sdu.im.testkit.client.ProviderClient;
import dk.sdu.im.testkit.core.FakeCore;
import dk.sdu.im.testkit.core.Provider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Background tasks of instances against the UCloud stand-in: created for the session's user, updated only by
 * the session that owns them, cancelled through {@code tasks.pauseOrCancel} as Core calls it.
 */
class InstanceTasksTest {
    static final String ALICE = "alice#1234";

    FakeCore core;
    InstanceTasks tasks;
    RpcServer rpc;
    ProviderClient client;
    final FakeSession aliceSession = new FakeSession();
    final FakeSession bobSession = new FakeSession();

    @BeforeEach
    void start() throws Exception {
        core = FakeCore.start();
        Provider provider = core.registerProvider("slurm");
        var http = HttpClient.newHttpClient();
        var mapper = Json.boundaryMapper();
        var tokens = new AccessTokens(core.baseUri(), provider.refreshToken(), http, mapper, Clock.systemUTC(),
                Duration.ofMinutes(3));
        tasks = new InstanceTasks(new TaskClient(new CoreClient(core.baseUri(), http, mapper, tokens)));
        var verifier = new CoreTokenVerifier(UCloudPublicKey.parse(provider.publicKeyBase64()),
                FakeCore.Options.DEFAULT_ISSUER, Duration.ofSeconds(30), Clock.systemUTC());
        rpc = RpcServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                ServerRoutes.taskRoutes("slurm", new TaskCalls(tasks::cancel)),
                new RpcServer.Settings(new CallerResolver(verifier, dk.sdu.im.api.rpc.UserClaimRule.auto(false, "test")), mapper, 65_536, new RequestLog()), dk.sdu.im.api.http.PeerCheck.ANYONE);
        client = new ProviderClient(URI.create("http://127.0.0.1:" + rpc.address().getPort()), "slurm", provider.tokens());
    }

    @AfterEach
    void stop() {
        client.close();
        rpc.close();
        core.close();
    }

    long start(FakeSession session, String title) {
        var reply = tasks.started(session, ALICE, new InstanceToServer.TaskStarted(title));
        return ((ServerToInstance.TaskCreated) reply).taskId();
    }

    @Test
    void startedTaskIsCreatedAtUCloudForTheSessionsUserAndCancellableButNotPausable() {
        long id = start(aliceSession, "Copying /home to /work");

        assertThat(id).isPositive();
        assertThat(core.tasks()).singleElement().satisfies(task -> {
            assertThat(task.get("id").asLong()).isEqualTo(id);
            assertThat(task.get("user").asText()).isEqualTo(ALICE);
            assertThat(task.get("title").asText()).isEqualTo("Copying /home to /work");
            assertThat(task.get("canPause").asBoolean()).isFalse();
            assertThat(task.get("canCancel").asBoolean()).isTrue();
        });
    }

    @Test
    void progressAndCompletionReachUCloud() {
        long id = start(aliceSession, "Copying");

        assertThat(tasks.progress(aliceSession, new InstanceToServer.TaskProgress(id, "3 of 10 files", 30)))
                .isEqualTo(new ServerToInstance.Ack());
        assertThat(tasks.completed(aliceSession, new InstanceToServer.TaskCompleted(id, true, "Copied 10 files")))
                .isEqualTo(new ServerToInstance.Ack());

        assertThat(core.tasks()).singleElement().satisfies(task -> {
            assertThat(task.at("/updates/0/id").asLong()).isEqualTo(id);
            assertThat(task.at("/updates/0/newStatus/progress").asText()).isEqualTo("3 of 10 files");
            assertThat(task.at("/updates/0/newStatus/progressPercentage").asDouble()).isEqualTo(30.0);
            assertThat(task.at("/status/state").asText()).isEqualTo("SUCCESS");
            assertThat(task.at("/status/body").asText()).isEqualTo("Copied 10 files");
            assertThat(task.get("complete").asBoolean()).isTrue();
        });
    }

    @Test
    void anotherSessionCannotUpdateOrCompleteATaskItDoesNotOwn() {
        long id = start(aliceSession, "Copying");

        assertThat(tasks.progress(bobSession, new InstanceToServer.TaskProgress(id, "hijacked", 99)))
                .isInstanceOf(ServerToInstance.Refused.class);
        assertThat(tasks.completed(bobSession, new InstanceToServer.TaskCompleted(id, false, "hijacked")))
                .isInstanceOf(ServerToInstance.Refused.class);
        assertThat(tasks.progress(aliceSession, new InstanceToServer.TaskProgress(id + 1000, "unknown", 1)))
                .isInstanceOf(ServerToInstance.Refused.class);

        assertThat(core.tasks()).singleElement().satisfies(task -> {
            assertThat(task.get("updates")).isEmpty();
            assertThat(task.get("complete").asBoolean()).isFalse();
        });
    }

    @Test
    void whenUCloudIsDownTheTaskGetsALocalNegativeIdAndUpdatesAreAcknowledged() {
        core.setOutage(true);
        long id = start(aliceSession, "Copying");

        assertThat(id).isNegative();
        assertThat(tasks.progress(aliceSession, new InstanceToServer.TaskProgress(id, "1 of 2", 50)))
                .isEqualTo(new ServerToInstance.Ack());
        assertThat(tasks.completed(aliceSession, new InstanceToServer.TaskCompleted(id, true, "done")))
                .isEqualTo(new ServerToInstance.Ack());
        assertThat(tasks.cancel(id)).isFalse();
    }

    @Test
    void pauseOrCancelPushesCancelTaskToTheOwningSessionOnly() throws Exception {
        long id = start(aliceSession, "Copying");

        var reply = client.asSystem().post("tasks/pauseOrCancel",
                "{\"id\":" + id + ",\"requestedState\":\"CANCELLED\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().toString()).isEqualTo("{}");
        assertThat(aliceSession.pushes.poll(5, TimeUnit.SECONDS)).isEqualTo(new ServerToInstance.CancelTask(id));
        assertThat(bobSession.pushes).isEmpty();
    }

    @Test
    void pauseOrCancelOfAnUnknownOrFinishedTaskIs404() {
        long id = start(aliceSession, "Copying");
        tasks.completed(aliceSession, new InstanceToServer.TaskCompleted(id, true, "done"));

        var finished = client.asSystem().post("tasks/pauseOrCancel", "{\"id\":" + id + ",\"requestedState\":\"CANCELLED\"}");
        var unknown = client.asSystem().post("tasks/pauseOrCancel", "{\"id\":424242,\"requestedState\":\"CANCELLED\"}");

        assertThat(finished.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.why()).contains("424242");
        assertThat(aliceSession.pushes).isEmpty();
    }

    @Test
    void pauseIsRefusedAndUserCallersAreForbidden() {
        long id = start(aliceSession, "Copying");

        var pause = client.asSystem().post("tasks/pauseOrCancel", "{\"id\":" + id + ",\"requestedState\":\"SUSPENDED\"}");
        var asUser = client.asUser(ALICE).post("tasks/pauseOrCancel", "{\"id\":" + id + ",\"requestedState\":\"CANCELLED\"}");

        assertThat(pause.status()).isEqualTo(400);
        assertThat(asUser.status()).isEqualTo(403);
        assertThat(aliceSession.pushes).isEmpty();
    }

    @Test
    void closedSessionsTasksAreFailedAtUCloudAndNoLongerCancellable() throws Exception {
        long id = start(aliceSession, "Copying");

        tasks.closed(aliceSession);

        assertThat(tasks.cancel(id)).isFalse();
        assertThat(core.awaitRequest(r -> r.is("POST", "/api/tasks/markAsComplete"), Duration.ofSeconds(10))).isTrue();
        assertThat(core.tasks().getFirst().at("/status/state").asText()).isEqualTo("FAILURE");
    }

    /** An instance's IPC session that records what the server pushes to it. */
    static final class FakeSession implements InstanceSession {
        final BlockingQueue<ServerToInstance> pushes = new LinkedBlockingQueue<>();

        @Override
        public Peer peer() {
            return new Peer(4242, 1100, 1100);
        }

        @Override
        public void send(ServerToInstance message) {
            pushes.add(message);
        }

        @Override
        public void close() {
        }
    }
}
