package dk.sdu.im.user.files;

import java.util.logging.Logger;

/**
 * Where file work that outlives its call reports to the user (contract 4.6, the background tasks of
 * {@code /api/tasks}). Core gives up on a call after 5 seconds (decision 8), so a copy or delete that is not done
 * within its time budget answers the call and carries on in the background; only then is {@link #started} called.
 * In IM/User it is implemented by asking IM/Server, which holds the credentials, to call Core's task API.
 *
 * <p>Threading: {@code started} is called on a thread of its own, and each handle is then used by the one thread
 * doing the work, so an implementation may block for a while (a slow start delays the work, never the reply);
 * it must be thread-safe across handles. {@code progress} is throttled by the caller. Texts name UCloud paths
 * only. Exceptions thrown by an implementation are logged and otherwise ignored: the work goes on unreported.
 */
public interface TaskReporter {
    /** A task with this title was started for the user; its handle receives everything that follows. */
    TaskHandle started(String title);

    /** One background task. */
    interface TaskHandle {
        /** How far the work is: a short status line and a percentage from 0 to 100. */
        void progress(String status, double percent);

        /** The work is over (successfully or not); called exactly once, last. */
        void completed(boolean success, String message);

        /** Whether the user asked to cancel; polled between files, so it should answer quickly from memory. */
        boolean cancelled();
    }

    /** A reporter that only writes to the log: background work is done, but the user is not told. */
    static TaskReporter loggingOnly() {
        Logger log = Logger.getLogger(TaskReporter.class.getName());
        return title -> new TaskHandle() {
            @Override
            public void progress(String status, double percent) {
            }

            @Override
            public void completed(boolean success, String message) {
                log.info(() -> title + ": " + (success ? "done" : "failed") + ": " + message);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
    }
}
