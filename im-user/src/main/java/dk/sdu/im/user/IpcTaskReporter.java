package dk.sdu.im.user;

import dk.sdu.im.user.files.TaskReporter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Reports background file work to UCloud's task list through IM/Server, which holds the provider's credentials
 * and decides whose task it is. Runs as the end user. A failed IPC request never stops the file work: a task
 * IM/Server would not create is only logged, and a failed update is logged and dropped. IM/Server's pushed
 * {@code CancelTask} reaches the handle through {@link #cancel}. Thread-safe across handles.
 */
final class IpcTaskReporter implements TaskReporter {
    private static final Logger LOG = Logger.getLogger(IpcTaskReporter.class.getName());

    /** The link, which may still be connecting when this reporter is made (tasks start only after registration). */
    private final Supplier<ServerLink> link;
    private final TaskReporter fallback = TaskReporter.loggingOnly();
    private final Map<Long, Handle> open = new ConcurrentHashMap<>();

    IpcTaskReporter(Supplier<ServerLink> link) {
        this.link = link;
    }

    @Override
    public TaskHandle started(String title) {
        long id;
        try {
            id = link.get().startTask(Objects.requireNonNullElse(title, ""));
        } catch (ServerLink.Refused | RuntimeException e) {
            LOG.warning(() -> "IM/Server did not create a task for \"" + title + "\" (" + e.getMessage()
                    + "); the work goes on and is only logged");
            return fallback.started(title);
        }
        Handle handle = new Handle(id, title);
        open.put(id, handle);
        return handle;
    }

    /** IM/Server pushed {@code CancelTask}: the user asked UCloud to cancel this task. */
    void cancel(long taskId) {
        Handle handle = open.get(taskId);
        if (handle == null) {
            LOG.info(() -> "IM/Server asked to cancel task " + taskId + ", which is not running here");
            return;
        }
        handle.cancelled = true;
        LOG.info(() -> "cancelling task " + taskId + " (" + handle.title + ") at the user's request");
    }

    private final class Handle implements TaskHandle {
        final long id;
        final String title;
        volatile boolean cancelled;

        Handle(long id, String title) {
            this.id = id;
            this.title = title;
        }

        @Override
        public void progress(String status, double percent) {
            double bounded = Double.isNaN(percent) ? 0 : Math.clamp(percent, 0.0, 100.0);
            try {
                link.get().taskProgress(id, Objects.requireNonNullElse(status, ""), bounded);
            } catch (ServerLink.Refused | RuntimeException e) {
                LOG.warning(() -> "reporting the progress of task " + id + " failed: " + e.getMessage());
            }
        }

        @Override
        public void completed(boolean success, String message) {
            open.remove(id, this);
            String text = Objects.requireNonNullElse(message, "");
            try {
                link.get().taskCompleted(id, success, text);
            } catch (ServerLink.Refused | RuntimeException e) {
                LOG.warning(() -> "reporting the end of task " + id + " failed (" + e.getMessage() + "); "
                        + title + ": " + (success ? "done" : "failed") + ": " + text);
            }
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }
    }
}
