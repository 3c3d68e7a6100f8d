package dk.sdu.im.server.instances;

import dk.sdu.im.ipc.InstanceSession;
import dk.sdu.im.ipc.InstanceToServer;
import dk.sdu.im.ipc.IpcClosed;
import dk.sdu.im.ipc.ServerToInstance;
import dk.sdu.im.server.ucloud.CoreFailure;
import dk.sdu.im.server.ucloud.TaskClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The background tasks of IM/User instances (contract 4.6): which task id belongs to which instance session, and
 * for which UCloud user it was created. The user always comes from the caller's record of the session (the
 * supervisor's assignment), never from the instance. An instance may report on its own tasks only.
 *
 * <p>When UCloud cannot be reached, a task still gets an id, a local negative one, so the instance's work goes
 * on; updates of such a task stay here. A failure to post progress or completion is logged and acknowledged:
 * the instance could not do anything about it, and the file work matters more than its report.
 *
 * <p>Threading: called from every session's thread and from the HTTP server's; thread-safe.
 */
final class InstanceTasks {
    private static final Logger LOG = Logger.getLogger(InstanceTasks.class.getName());

    private final TaskClient ucloud;
    private final Map<Long, Owner> owners = new ConcurrentHashMap<>();
    private final AtomicLong nextLocalId = new AtomicLong(-1);

    private record Owner(InstanceSession session, String ucloudUser) {
    }

    InstanceTasks(TaskClient ucloud) {
        this.ucloud = ucloud;
    }

    ServerToInstance started(InstanceSession session, String ucloudUser, InstanceToServer.TaskStarted started) {
        long id;
        try {
            id = ucloud.create(ucloudUser, started.title());
        } catch (CoreFailure failure) {
            id = nextLocalId.getAndDecrement();
            LOG.warning("creating a task for " + ucloudUser + " at UCloud failed; it is tracked locally as " + id
                    + ": " + failure.getMessage());
        }
        owners.put(id, new Owner(session, ucloudUser));
        return new ServerToInstance.TaskCreated(id);
    }

    ServerToInstance progress(InstanceSession session, InstanceToServer.TaskProgress progress) {
        Owner owner = owners.get(progress.taskId());
        if (owner == null || owner.session() != session) {
            return notOwned(session, progress.taskId());
        }
        if (progress.taskId() >= 0) {
            try {
                ucloud.progress(progress.taskId(), progress.status(), progress.percent());
            } catch (CoreFailure failure) {
                LOG.warning("posting the progress of task " + progress.taskId() + " failed: " + failure.getMessage());
            }
        }
        return new ServerToInstance.Ack();
    }

    ServerToInstance completed(InstanceSession session, InstanceToServer.TaskCompleted completed) {
        Owner owner = owners.get(completed.taskId());
        if (owner == null || owner.session() != session) {
            return notOwned(session, completed.taskId());
        }
        owners.remove(completed.taskId(), owner);
        complete(completed.taskId(), completed.success(), completed.message());
        return new ServerToInstance.Ack();
    }

    /**
     * Pushes {@code CancelTask} to the instance owning UCloud task {@code taskId}.
     *
     * @return false if no open session owns that task (unknown, finished, local, or its instance is gone)
     */
    boolean cancel(long taskId) {
        Owner owner = taskId < 0 ? null : owners.get(taskId);
        if (owner == null) {
            return false;
        }
        try {
            owner.session().send(new ServerToInstance.CancelTask(taskId));
        } catch (IpcClosed closed) {
            LOG.warning("cannot cancel task " + taskId + " of " + owner.ucloudUser() + ": " + closed.getMessage());
            return false;
        }
        LOG.info(() -> "asked the instance of " + owner.ucloudUser() + " to cancel task " + taskId);
        return true;
    }

    /** The session ended: its unfinished tasks can never finish, so UCloud is told they failed (in the background). */
    void closed(InstanceSession session) {
        List<Long> orphans = owners.entrySet().stream().filter(e -> e.getValue().session() == session)
                .map(Map.Entry::getKey).toList();
        orphans.forEach(owners::remove);
        if (!orphans.isEmpty()) {
            Thread.ofVirtual().name("orphaned-tasks").start(() ->
                    orphans.forEach(id -> complete(id, false, "Stopped: the provider's process for this task ended")));
        }
    }

    private void complete(long taskId, boolean success, String message) {
        if (taskId < 0) {
            LOG.info(() -> "local task " + taskId + " " + (success ? "succeeded" : "failed") + ": " + message);
            return;
        }
        try {
            ucloud.complete(taskId, success, message);
        } catch (CoreFailure failure) {
            LOG.warning("completing task " + taskId + " at UCloud failed: " + failure.getMessage());
        }
    }

    private static ServerToInstance notOwned(InstanceSession session, long taskId) {
        LOG.warning("refused an update of task " + taskId + " from " + session + ": the session does not own it");
        return new ServerToInstance.Refused("task " + taskId + " is not one of this instance's tasks");
    }
}
