package dk.sdu.im.user.files;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory {@link TaskReporter}: it records every task, its progress and its end, and lets a test cancel a
 * task. Waiting methods give up after 30 s so that a broken test fails instead of hanging.
 */
final class RecordingTaskReporter implements TaskReporter {
    private static final long WAIT_SECONDS = 30;

    final List<Task> tasks = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Task> started = new LinkedBlockingQueue<>();

    @Override
    public TaskHandle started(String title) {
        var task = new Task(title);
        tasks.add(task);
        started.add(task);
        return task;
    }

    /** The next task started, waiting for it. */
    Task awaitStarted() throws InterruptedException {
        Task task = started.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (task == null) {
            throw new AssertionError("no task was started");
        }
        return task;
    }

    record Progress(String status, double percent) {
    }

    record Completion(boolean success, String message) {
    }

    static final class Task implements TaskHandle {
        final String title;
        final List<Progress> progress = new CopyOnWriteArrayList<>();
        private final CompletableFuture<Completion> completion = new CompletableFuture<>();
        private volatile boolean cancel;

        Task(String title) {
            this.title = title;
        }

        void cancel() {
            cancel = true;
        }

        Completion awaitCompletion() throws Exception {
            return completion.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        @Override
        public void progress(String status, double percent) {
            if (completion.isDone()) {
                throw new AssertionError("progress after completion");
            }
            progress.add(new Progress(status, percent));
        }

        @Override
        public void completed(boolean success, String message) {
            if (!completion.complete(new Completion(success, message))) {
                throw new AssertionError("completed twice");
            }
        }

        @Override
        public boolean cancelled() {
            return cancel;
        }
    }
}
