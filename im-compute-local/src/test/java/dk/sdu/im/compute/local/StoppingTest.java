package dk.sdu.im.compute.local;

import static dk.sdu.im.compute.backend.UcloudJobState.EXPIRED;
import static dk.sdu.im.compute.backend.UcloudJobState.FAILURE;
import static dk.sdu.im.compute.backend.UcloudJobState.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.compute.backend.ComputeRefusal;
import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Submission;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Jobs stopped from outside: a time limit, a cancellation, the instance's exit; the whole group goes. */
class StoppingTest extends WithLocalCompute {
    /** A script with a grandchild in its group; it writes both pids, the grandchild's last. */
    private static final String WITH_GRANDCHILD = "echo $$ > leader.pid\nsleep 300 &\necho $! > child.pid\nwait";
    /** The same, but deaf to SIGTERM (and so is the grandchild, which inherits it): only SIGKILL stops it. */
    private static final String DEAF_TO_TERM = "trap '' TERM\n" + WITH_GRANDCHILD;
    private static final JobStatus CANCELLED = new JobStatus(SUCCESS, "Cancelled");
    private static final JobStatus STOPPED = new JobStatus(FAILURE, "Stopped: the module's user instance stopped");

    /** Waits until the script has started its grandchild. */
    private static void awaitStarted(Submission job) {
        Waiting.pidIn(job.folder().resolve("child.pid"));
    }

    private static void assertGroupGone(Submission job) {
        Waiting.untilGone(Waiting.pidIn(job.folder().resolve("leader.pid")));
        Waiting.untilGone(Waiting.pidIn(job.folder().resolve("child.pid")));
    }

    @Test
    void aJobPastItsTimeLimitExpiresAndItsWholeGroupGoes() throws Exception {
        Submission job = Jobs.job(dir, "1", WITH_GRANDCHILD, Optional.of(Duration.ofSeconds(2)));
        String id = compute.submit(job);

        sink.awaitEnd(id);

        assertThat(sink.statusesOf(id)).containsExactly(Jobs.RUNNING, new JobStatus(EXPIRED, "Reached its time limit"));
        assertGroupGone(job);
    }

    @Test
    void aCancelledJobIsASuccessAndItsWholeGroupGoes() throws Exception {
        assertCancellingEndsWholeGroup(Jobs.job(dir, "2", WITH_GRANDCHILD));
        assertThat(compute.status("local-2")).contains(CANCELLED);
    }

    @Test
    void aGroupDeafToTermIsKilledAfterTheGrace() throws Exception {
        assertCancellingEndsWholeGroup(Jobs.job(dir, "3", DEAF_TO_TERM));
    }

    private void assertCancellingEndsWholeGroup(Submission job) throws ComputeRefusal {
        String id = compute.submit(job);
        awaitStarted(job);

        compute.cancel(id);
        sink.awaitEnd(id);

        assertThat(sink.statusesOf(id)).containsExactly(Jobs.RUNNING, CANCELLED);
        assertGroupGone(job);
    }

    @Test
    void cancellingAgainOrAnUnknownOrEndedJobIsNoError() throws Exception {
        String ended = compute.submit(Jobs.job(dir, "4", "true"));
        sink.awaitEnd(ended);
        Submission job = Jobs.job(dir, "5", WITH_GRANDCHILD);
        String id = compute.submit(job);
        awaitStarted(job);

        compute.cancel("local-404");
        compute.cancel(ended);
        compute.cancel(id);
        compute.cancel(id);
        sink.awaitEnd(id);
        compute.cancel(id);

        assertThat(sink.statusesOf(ended)).containsExactly(Jobs.RUNNING, new JobStatus(SUCCESS, "Completed"));
        assertThat(sink.statusesOf(id)).containsExactly(Jobs.RUNNING, CANCELLED);
        assertThatThrownBy(() -> compute.cancel("4711"))
                .isInstanceOfSatisfying(ComputeRefusal.class, refusal -> assertThat(refusal.userError()).isTrue());
    }

    @Test
    void activeJobsCountsTheScriptsStillRunning() throws Exception {
        String first = compute.submit(Jobs.job(dir, "6", "sleep 300"));
        String second = compute.submit(Jobs.job(dir, "7", "sleep 300"));
        assertThat(compute.activeJobs()).isEqualTo(2);

        compute.cancel(first);
        Waiting.until(() -> compute.activeJobs() == 1, "one job to run");
        compute.cancel(second);
        Waiting.until(() -> compute.activeJobs() == 0, "no job to run");
    }

    @Test
    void closingStopsEveryJobReportsEachOnceAndRefusesMore() throws Exception {
        Submission plain = Jobs.job(dir, "8", WITH_GRANDCHILD);
        Submission deaf = Jobs.job(dir, "9", DEAF_TO_TERM);
        String plainId = compute.submit(plain);
        String deafId = compute.submit(deaf);
        awaitStarted(plain);
        awaitStarted(deaf);

        compute.close();

        assertThat(compute.activeJobs()).isZero();
        assertThat(sink.statusesOf(plainId)).containsExactly(Jobs.RUNNING, STOPPED);
        assertThat(sink.statusesOf(deafId)).containsExactly(Jobs.RUNNING, STOPPED);
        assertGroupGone(plain);
        assertGroupGone(deaf);
        assertThatThrownBy(() -> compute.submit(Jobs.job(dir, "10", "true")))
                .isInstanceOfSatisfying(ComputeRefusal.class, refusal -> assertThat(refusal.userError()).isFalse());
    }
}
