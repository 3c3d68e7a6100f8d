package dk.sdu.im.user.files;

import static dk.sdu.im.user.files.MutationDrives.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.ApiException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The time budget of a call and what happens to work that outlives it, driven by latches, never by the clock. */
class BackgroundWorkTest {
    private final RecordingTaskReporter reporter = new RecordingTaskReporter();

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("latch never opened");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void workDoneWithinTheBudgetAnswersTheCallAndStartsNoTask() {
        var work = new BackgroundWork(reporter, Duration.ofMinutes(5), Duration.ZERO);
        assertThat(work.run("quick", work.deadlineFromNow(), progress -> "done")).isTrue();
        assertThat(reporter.tasks).isEmpty();
        assertThat(work.running()).isZero();
    }

    @Test
    void anErrorWithinTheBudgetIsTheCallsError() {
        var work = new BackgroundWork(reporter, Duration.ofMinutes(5), Duration.ZERO);
        ApiException error = failure(() -> work.run("failing", work.deadlineFromNow(), progress -> {
            throw ApiException.of(409, "A file already exists at /12/x", null);
        }));
        assertThat(error.status()).isEqualTo(409);
        assertThat(reporter.tasks).isEmpty();
    }

    @Test
    void anUnexpectedExceptionBecomesASafe500() {
        var work = new BackgroundWork(reporter, Duration.ofMinutes(5), Duration.ZERO);
        ApiException error = failure(() -> work.run("Copying /12/a", work.deadlineFromNow(), progress -> {
            throw new IllegalStateException("/home/alice/secret");
        }));
        assertThat(error.status()).isEqualTo(500);
        assertThat(error.why()).isEqualTo("Something went wrong: Copying /12/a").doesNotContain("alice");
    }

    @Test
    void workPastTheBudgetContinuesAsATaskWithProgressAndAnEnd() throws Exception {
        var work = new BackgroundWork(reporter, Duration.ZERO, Duration.ZERO);
        var release = new CountDownLatch(1);
        boolean done = work.run("slow", work.deadlineFromNow(), progress -> {
            await(release);
            progress.update("half", 50);
            progress.checkpoint();
            progress.update("all", 100);
            return "finished";
        });
        assertThat(done).isFalse();
        assertThat(work.running()).isEqualTo(1);
        RecordingTaskReporter.Task task = reporter.awaitStarted();
        release.countDown();
        assertThat(task.awaitCompletion()).isEqualTo(new RecordingTaskReporter.Completion(true, "finished"));
        assertThat(task.progress).containsExactly(new RecordingTaskReporter.Progress("half", 50),
                new RecordingTaskReporter.Progress("all", 100));
    }

    @Test
    void aCancelledTaskStopsAtTheNextCheckpoint() throws Exception {
        var work = new BackgroundWork(reporter, Duration.ZERO, Duration.ZERO);
        var release = new CountDownLatch(1);
        var reachedEnd = new CountDownLatch(1);
        work.run("cancellable", work.deadlineFromNow(), progress -> {
            await(release);
            progress.checkpoint();
            reachedEnd.countDown();
            return "not cancelled";
        });
        RecordingTaskReporter.Task task = reporter.awaitStarted();
        task.cancel();
        release.countDown();
        assertThat(task.awaitCompletion()).isEqualTo(new RecordingTaskReporter.Completion(false, "Cancelled: cancellable"));
        assertThat(reachedEnd.getCount()).isEqualTo(1);
    }

    @Test
    void aFailureInTheBackgroundIsReportedWithItsSafeText() throws Exception {
        var work = new BackgroundWork(reporter, Duration.ZERO, Duration.ZERO);
        var release = new CountDownLatch(1);
        work.run("failing", work.deadlineFromNow(), progress -> {
            await(release);
            throw ApiException.badRequest("The destination is full (disk or quota); nothing was changed");
        });
        RecordingTaskReporter.Task task = reporter.awaitStarted();
        release.countDown();
        assertThat(task.awaitCompletion()).isEqualTo(new RecordingTaskReporter.Completion(false,
                "The destination is full (disk or quota); nothing was changed"));
    }

    @Test
    void aReporterThatFailsToStartDoesNotStopTheWork() throws Exception {
        var work = new BackgroundWork(title -> {
            throw new IllegalStateException("IM/Server is away");
        }, Duration.ZERO, Duration.ZERO);
        var release = new CountDownLatch(1);
        var finished = new CountDownLatch(1);
        assertThat(work.run("unreported", work.deadlineFromNow(), progress -> {
            await(release);
            progress.checkpoint();
            progress.update("still going", 50);
            finished.countDown();
            return "done";
        })).isFalse();
        release.countDown();
        await(finished);
    }

    @Test
    void progressIsThrottledToTheInterval() throws Exception {
        var work = new BackgroundWork(reporter, Duration.ZERO, Duration.ofDays(1));
        var release = new CountDownLatch(1);
        work.run("throttled", work.deadlineFromNow(), progress -> {
            await(release);
            for (int i = 1; i <= 100; i++) {
                progress.update("step " + i, i);
                progress.checkpoint();
            }
            return "done";
        });
        RecordingTaskReporter.Task task = reporter.awaitStarted();
        release.countDown();
        task.awaitCompletion();
        assertThat(task.progress).hasSize(1);
    }
}
