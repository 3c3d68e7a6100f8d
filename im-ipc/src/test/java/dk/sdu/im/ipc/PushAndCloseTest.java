package dk.sdu.im.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Server pushes reach the instance's listener; a lost connection is reported as {@link IpcClosed}. */
class PushAndCloseTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final LogCapture log = new LogCapture();
    ServerFixture fixture;
    final BlockingQueue<ServerToInstance> pushes = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start(dir, PeerKind.INSTANCE);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void serverPushOfShutdownReachesTheClientListener() throws Exception {
        try (InstanceConnection connection = IpcClient.connectAsInstance(fixture.socket, pushes::add)) {
            connection.request(new InstanceToServer.Register(42001));
            InstanceSession session = fixture.instances.sessions.take();

            session.send(new ServerToInstance.Shutdown("idle"));

            assertThat(pushes.poll(5, TimeUnit.SECONDS)).isEqualTo(new ServerToInstance.Shutdown("idle"));
        }
    }

    @Test
    void serverPushOfCancelTaskReachesTheClientListener() throws Exception {
        try (InstanceConnection connection = IpcClient.connectAsInstance(fixture.socket, pushes::add)) {
            connection.request(new InstanceToServer.Register(42001));
            InstanceSession session = fixture.instances.sessions.take();

            session.send(new ServerToInstance.CancelTask(17));

            assertThat(pushes.poll(5, TimeUnit.SECONDS)).isEqualTo(new ServerToInstance.CancelTask(17));
        }
    }

    @Test
    void pushSentWhileARequestWaitsGoesToTheListenerAndTheReplyToTheRequest() throws Exception {
        fixture.instances.answer = message -> {
            fixture.instances.sessions.peek().send(new ServerToInstance.Shutdown("now"));
            return new ServerToInstance.Assigned("alice#1234", "alice", 1100, false);
        };
        try (InstanceConnection connection = IpcClient.connectAsInstance(fixture.socket, pushes::add)) {

            assertThat(connection.request(new InstanceToServer.Register(42001)))
                    .isEqualTo(new ServerToInstance.Assigned("alice#1234", "alice", 1100, false));
            assertThat(pushes.poll(5, TimeUnit.SECONDS)).isEqualTo(new ServerToInstance.Shutdown("now"));
        }
    }

    @Test
    void pushListenerMayAnswerWithARequest() throws Exception {
        AtomicReference<InstanceConnection> self = new AtomicReference<>();
        try (InstanceConnection connection = IpcClient.connectAsInstance(fixture.socket,
                push -> self.get().request(new InstanceToServer.Goodbye("told to stop")))) {
            self.set(connection);
            connection.request(new InstanceToServer.Register(42001));

            fixture.instances.sessions.take().send(new ServerToInstance.Shutdown("stop"));

            awaitCall(new InstanceToServer.Goodbye("told to stop"));
        }
    }

    @Test
    void shutdownPushedJustBeforeTheServerClosesTheSessionIsStillDelivered() throws Exception {
        try (InstanceConnection connection = IpcClient.connectAsInstance(fixture.socket, pushes::add)) {
            connection.request(new InstanceToServer.Register(42001));
            InstanceSession session = fixture.instances.sessions.take();

            session.send(new ServerToInstance.Shutdown("bye"));
            session.close();

            assertThat(connection.closed().toCompletableFuture().get(5, TimeUnit.SECONDS).getMessage())
                    .contains("closed by the server");
            assertThat(pushes.poll(5, TimeUnit.SECONDS)).isEqualTo(new ServerToInstance.Shutdown("bye"));
            assertThat(fixture.instances.closed.poll(5, TimeUnit.SECONDS)).isSameAs(session);
        }
    }

    @Test
    void closingTheServerMakesTheClientsNextRequestFailWithIpcClosed() throws Exception {
        InstanceConnection connection = fixture.connectInstance();
        connection.request(new InstanceToServer.Register(42001));

        fixture.close();

        assertThatThrownBy(() -> connection.request(new InstanceToServer.Activity(1, 0, 0)))
                .isInstanceOf(IpcClosed.class).hasMessageContaining(fixture.socket.toString());
        assertThat(connection.closed().toCompletableFuture().get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(fixture.instances.closed).hasSize(1);
    }

    @Test
    void closingTheClientEndsTheSessionOnTheServer() throws Exception {
        InstanceConnection connection = fixture.connectInstance();
        connection.request(new InstanceToServer.Register(42001));
        InstanceSession session = fixture.instances.sessions.take();

        connection.close();

        assertThat(fixture.instances.closed.poll(5, TimeUnit.SECONDS)).isSameAs(session);
        assertThatThrownBy(() -> session.send(new ServerToInstance.Shutdown("too late")))
                .isInstanceOf(IpcClosed.class);
        assertThatThrownBy(() -> connection.request(new InstanceToServer.Activity(1, 0, 0)))
                .isInstanceOf(IpcClosed.class).hasMessageContaining("closed by this process");
    }

    @Test
    void serverRefusesToPushAReplyType() throws Exception {
        try (InstanceConnection connection = fixture.connectInstance()) {
            connection.request(new InstanceToServer.Register(42001));

            assertThatThrownBy(() -> fixture.instances.sessions.take().send(new ServerToInstance.Ack()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void handlerAnsweringWithAPushTypeClosesThatConnectionAsAServerBug() throws Exception {
        fixture.instances.answer = message -> new ServerToInstance.Shutdown("wrong");
        try (InstanceConnection connection = fixture.connectInstance()) {

            assertThatThrownBy(() -> connection.request(new InstanceToServer.Register(42001)))
                    .isInstanceOf(IpcClosed.class);
        }
        log.awaitWarning("server-side failure");
    }

    @Test
    void handlerFailureClosesOnlyThatConnection() throws Exception {
        try (InstanceConnection healthy = fixture.connectInstance();
             InstanceConnection failing = fixture.connectInstance()) {
            healthy.request(new InstanceToServer.Register(42001));
            fixture.instances.answer = message -> {
                throw new IllegalStateException("database down");
            };

            assertThatThrownBy(() -> failing.request(new InstanceToServer.Register(42002)))
                    .isInstanceOf(IpcClosed.class);
            fixture.instances.answer = message -> new ServerToInstance.Ack();
            assertThat(healthy.request(new InstanceToServer.Activity(1, 0, 0))).isEqualTo(new ServerToInstance.Ack());
        }
    }

    @Test
    void clientRefusesToSendHelloItself() throws Exception {
        try (InstanceConnection connection = fixture.connectInstance()) {
            assertThatThrownBy(() -> connection.request(new InstanceToServer.Hello(IpcProtocol.NAME, 1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private void awaitCall(InstanceToServer expected) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (fixture.instances.calls.stream().anyMatch(call -> call.message().equals(expected))) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the handler never received " + expected + ": " + fixture.instances.calls);
    }
}
