package dk.sdu.im.user;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.ipc.InstanceHandler;
import dk.sdu.im.ipc.InstanceSession;
import dk.sdu.im.ipc.InstanceToServer;
import dk.sdu.im.ipc.IpcServer;
import dk.sdu.im.ipc.PeerKind;
import dk.sdu.im.ipc.Permissions;
import dk.sdu.im.ipc.ServerToAdmin;
import dk.sdu.im.ipc.ServerToInstance;
import dk.sdu.im.user.files.TaskReporter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IM/User's task reports travel to an in-process stand-in for IM/Server; its CancelTask reaches the handle. */
class IpcTaskReporterTest {
    @TempDir
    Path dir;
    final List<InstanceToServer> received = new CopyOnWriteArrayList<>();
    final BlockingQueue<InstanceSession> sessions = new LinkedBlockingQueue<>();
    volatile Function<InstanceToServer, ServerToInstance> answer = IpcTaskReporterTest::cooperative;
    IpcServer ipc;
    ServerLink link;
    IpcTaskReporter reporter;

    static ServerToInstance cooperative(InstanceToServer message) {
        return message instanceof InstanceToServer.TaskStarted ? new ServerToInstance.TaskCreated(7)
                : new ServerToInstance.Ack();
    }

    @BeforeEach
    void start() throws Exception {
        InstanceHandler handler = new InstanceHandler() {
            @Override
            public ServerToInstance onMessage(InstanceSession session, InstanceToServer message) {
                sessions.add(session);
                received.add(message);
                return answer.apply(message);
            }

            @Override
            public void onClose(InstanceSession session) {
            }
        };
        var permissions = Permissions.builder().allow(InstanceToServer.Hello.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.TaskStarted.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.TaskProgress.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.TaskCompleted.class, PeerKind.INSTANCE).build();
        Path socket = dir.resolve("ipc.sock");
        ipc = IpcServer.start(socket, new IpcServer.Settings(peer -> PeerKind.INSTANCE, permissions, handler,
                (peer, message) -> new ServerToAdmin.Refused("test")));
        var tasks = new AtomicReference<IpcTaskReporter>();
        link = ServerLink.connect(socket, message -> UserMain.onPush(message, tasks.get(), dk.sdu.im.api.rpc.UserClaimRule.required(), null));
        reporter = new IpcTaskReporter(() -> link);
        tasks.set(reporter);
    }

    @AfterEach
    void stop() {
        link.close();
        ipc.close();
    }

    @Test
    void startProgressAndCompletionAreSentForTheIdIMServerGave() {
        TaskReporter.TaskHandle handle = reporter.started("Copying /1/a to /1/b");
        handle.progress("3 of 10 files", 30);
        handle.progress("rounding", 100.4);
        handle.completed(true, "Copied 10 files");

        assertThat(received).containsExactly(
                new InstanceToServer.TaskStarted("Copying /1/a to /1/b"),
                new InstanceToServer.TaskProgress(7, "3 of 10 files", 30),
                new InstanceToServer.TaskProgress(7, "rounding", 100),
                new InstanceToServer.TaskCompleted(7, true, "Copied 10 files"));
    }

    @Test
    void pushedCancelTaskMarksOnlyTheMatchingHandleCancelled() throws Exception {
        TaskReporter.TaskHandle handle = reporter.started("Copying");
        answer = message -> new ServerToInstance.TaskCreated(8);
        TaskReporter.TaskHandle other = reporter.started("Deleting");
        InstanceSession session = sessions.take();

        session.send(new ServerToInstance.CancelTask(7));

        assertThat(awaitCancelled(handle)).isTrue();
        assertThat(other.cancelled()).isFalse();
    }

    @Test
    void cancelTaskForAFinishedTaskIsIgnored() throws Exception {
        TaskReporter.TaskHandle handle = reporter.started("Copying");
        handle.completed(false, "No space left");
        sessions.take().send(new ServerToInstance.CancelTask(7));

        assertThat(awaitCancelled(handle)).isFalse();
    }

    @Test
    void refusedStartFallsBackToLoggingAndTheWorkGoesOn() {
        answer = message -> new ServerToInstance.Refused("this instance is not registered");

        TaskReporter.TaskHandle handle = reporter.started("Copying");
        handle.progress("1 of 2", 50);
        handle.completed(true, "done");

        assertThat(handle.cancelled()).isFalse();
        assertThat(received).containsExactly(new InstanceToServer.TaskStarted("Copying"));
    }

    @Test
    void refusedUpdatesDoNotThrow() {
        TaskReporter.TaskHandle handle = reporter.started("Copying");
        answer = message -> new ServerToInstance.Refused("not yours");

        handle.progress("1 of 2", 50);
        handle.completed(false, "failed");

        assertThat(received).hasSize(3);
    }

    @Test
    void lostIMServerFallsBackToLoggingAndNeverThrows() {
        TaskReporter.TaskHandle started = reporter.started("Copying");
        link.close();

        TaskReporter.TaskHandle handle = reporter.started("Deleting");
        handle.progress("half", 50);
        handle.completed(true, "done");
        started.progress("half", 50);
        started.completed(true, "done");

        assertThat(handle.cancelled()).isFalse();
    }

    private static boolean awaitCancelled(TaskReporter.TaskHandle handle) throws InterruptedException {
        for (int i = 0; i < 50 && !handle.cancelled(); i++) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return handle.cancelled();
    }
}
