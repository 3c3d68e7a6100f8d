package dk.sdu.im.server.ucloud;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * UCloud's background-task list (contract 4.6): create a task for a user, post its status, mark it complete.
 * Runs in IM/Server with the provider's credentials; the caller decides which user a task belongs to and must
 * take that from its own records, never from an instance's message. Thread-safe.
 */
public final class TaskClient {
    /** Tasks created here can be cancelled between files but not paused. */
    private static final boolean CAN_PAUSE = false;
    private static final boolean CAN_CANCEL = true;

    private final CoreClient core;

    public TaskClient(CoreClient core) {
        this.core = core;
    }

    /** Creates a running task for {@code ucloudUser}; returns UCloud's id of it. */
    public long create(String ucloudUser, String title) throws CoreFailure {
        JsonNode reply = core.post("/api/tasks", new Create(ucloudUser, title, null, null, CAN_PAUSE, CAN_CANCEL, null));
        JsonNode id = reply.get("id");
        if (id == null || !id.canConvertToLong()) {
            throw new CoreFailure(502, "POST /api/tasks: UCloud's reply has no numeric id", null);
        }
        return id.asLong();
    }

    /** A new progress line and percentage for a running task. */
    public void progress(long taskId, String progress, double percent) throws CoreFailure {
        core.post("/api/tasks/postStatus", update(taskId, new Status(State.RUNNING, null, null, progress, percent)));
    }

    /** The task is over: its final state and message, then marked complete. */
    public void complete(long taskId, boolean success, String message) throws CoreFailure {
        State state = success ? State.SUCCESS : State.FAILURE;
        core.post("/api/tasks/postStatus", update(taskId, new Status(state, null, message, null, success ? 100.0 : null)));
        core.post("/api/tasks/markAsComplete", new ById(taskId));
    }

    /*
     * The contract names the update's id "id" (and the testkit's Core follows it); UCloud's Go API reads "taskId".
     * Both are sent, so either reading finds the task.
     */
    private static PostStatus update(long taskId, Status status) {
        return new PostStatus(new Update(taskId, taskId, System.currentTimeMillis(), status));
    }

    private record Create(String user, String title, String body, String progress, boolean canPause, boolean canCancel,
                          String icon) {
    }

    private enum State { RUNNING, SUCCESS, FAILURE }

    private record Status(State state, String title, String body, String progress, Double progressPercentage) {
    }

    private record Update(long id, long taskId, long modifiedAt, Status newStatus) {
    }

    private record PostStatus(Update update) {
    }

    private record ById(long id) {
    }
}
