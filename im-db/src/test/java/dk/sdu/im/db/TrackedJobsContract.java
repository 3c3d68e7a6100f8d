package dk.sdu.im.db;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.db.TrackedJobs.UsageTotal;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link TrackedJobs} (the {@code tracked_jobs} table of the V3 migration), run unchanged against
 * every supported database. A subclass supplies a fresh, empty database per test.
 */
abstract class TrackedJobsContract {
    private DatabaseSettings settings;
    private Database database;
    private TrackedJobs jobs;

    /** Settings for an empty database that no other test uses. */
    abstract DatabaseSettings emptyDatabase() throws Exception;

    @BeforeEach
    void openEmptyDatabase() throws Exception {
        settings = emptyDatabase();
        database = Database.open(settings, Clock.systemUTC());
        jobs = database.trackedJobs();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void aTrackedJobIsActiveWithEveryFieldAsGiven() {
        TrackedJob job = new TrackedJob("4213", "991", "alice#1234", "alice", "9b1c", "cpu",
                Optional.of("IN_QUEUE"), false, 12, 3, 1_700_000_000_123L);

        assertThat(jobs.track(job)).isTrue();

        assertThat(jobs.active()).containsExactly(job);
    }

    @Test
    void aJobJustSubmittedHasNoStateAndNoUsage() {
        jobs.track(TrackedJob.submitted("4213", "991", "alice#1234", "alice", "", "cpu", 1000));

        TrackedJob stored = jobs.active().getFirst();

        assertThat(stored.lastState()).isEmpty();
        assertThat(stored.ended()).isFalse();
        assertThat(stored.cpuSeconds()).isZero();
        assertThat(stored.gpuSeconds()).isZero();
        assertThat(stored.project()).as("the personal workspace").isEmpty();
    }

    @Test
    void trackingAUcloudJobAgainIsRefusedAndKeepsTheFirstRecord() {
        TrackedJob first = TrackedJob.submitted("4213", "991", "alice#1234", "alice", "", "cpu", 1000);
        jobs.track(first);

        boolean again = jobs.track(TrackedJob.submitted("4213", "992", "bob#1", "bob", "p1", "gpu", 2000));

        assertThat(again).isFalse();
        assertThat(jobs.active()).containsExactly(first);
    }

    @Test
    void activeIsOldestFirstWithTiesInUcloudIdOrder() {
        jobs.track(submitted("30", 3000));
        jobs.track(submitted("9", 1000));
        jobs.track(submitted("20", 2000));
        jobs.track(submitted("10", 1000));

        assertThat(jobs.active()).extracting(TrackedJob::ucloudId).containsExactly("10", "9", "20", "30");
    }

    @Test
    void anEmptyTableHasNoActiveJobsAndNoUsage() {
        assertThat(jobs.active()).isEmpty();
        assertThat(jobs.endedUsage()).isEmpty();
    }

    @Test
    void deliveredRecordsTheStateAndTheUsageOfAJobThatGoesOn() {
        jobs.track(submitted("1", 1000));

        jobs.delivered("1", "RUNNING", false, 120, 40);

        TrackedJob running = jobs.active().getFirst();
        assertThat(running.lastState()).contains("RUNNING");
        assertThat(running.ended()).isFalse();
        assertThat(running.cpuSeconds()).isEqualTo(120);
        assertThat(running.gpuSeconds()).isEqualTo(40);
        assertThat(jobs.endedUsage()).as("a running job's usage is not ended usage").isEmpty();
    }

    @Test
    void aJobDeliveredAsEndedLeavesTheActiveJobsAndCountsAsEndedUsage() {
        jobs.track(submitted("1", 1000));
        jobs.track(submitted("2", 2000));

        jobs.delivered("1", "SUCCESS", true, 3600, 0);

        assertThat(jobs.active()).extracting(TrackedJob::ucloudId).containsExactly("2");
        assertThat(jobs.endedUsage()).containsExactly(new UsageTotal("alice#1234", "", "cpu", 3600, 0));
    }

    @Test
    void deliveredForAnUntrackedJobChangesNothing() {
        jobs.track(submitted("1", 1000));

        jobs.delivered("404", "SUCCESS", true, 10, 10);

        assertThat(jobs.active()).extracting(TrackedJob::ucloudId).containsExactly("1");
        assertThat(jobs.endedUsage()).isEmpty();
    }

    @Test
    void aForgottenJobIsNoLongerActiveAndKeepsTheStateAndUsageLastDelivered() {
        jobs.track(submitted("1", 1000));
        jobs.track(submitted("2", 2000));
        jobs.delivered("1", "RUNNING", false, 50, 5);

        jobs.forget("1");

        assertThat(jobs.active()).extracting(TrackedJob::ucloudId).containsExactly("2");
        assertThat(jobs.endedUsage()).containsExactly(new UsageTotal("alice#1234", "", "cpu", 50, 5));
    }

    @Test
    void endedUsageIsSummedPerUserForPersonalJobsAndPerProjectForProjectJobsInEachCategory() {
        track("1", "alice#1", "", "cpu", 100, 0);
        track("2", "alice#1", "", "cpu", 20, 0);
        track("3", "alice#1", "", "gpu", 30, 7);
        track("4", "bob#2", "", "cpu", 1, 0);
        track("5", "alice#1", "p1", "cpu", 1000, 0);
        track("6", "bob#2", "p1", "cpu", 2000, 0);
        track("7", "bob#2", "p1", "gpu", 60, 15);
        track("8", "bob#2", "p2", "cpu", 5, 0);
        jobs.track(TrackedJob.submitted("9", "9", "alice#1", "alice", "", "cpu", 9));
        jobs.delivered("9", "RUNNING", false, 999_999, 0);

        assertThat(jobs.endedUsage()).containsExactlyInAnyOrder(
                new UsageTotal("alice#1", "", "cpu", 120, 0),
                new UsageTotal("alice#1", "", "gpu", 30, 7),
                new UsageTotal("bob#2", "", "cpu", 1, 0),
                new UsageTotal("", "p1", "cpu", 3000, 0),
                new UsageTotal("", "p1", "gpu", 60, 15),
                new UsageTotal("", "p2", "cpu", 5, 0));
    }

    @Test
    void jobsAndTheirUsageSurviveReopeningTheDatabase() {
        jobs.track(submitted("1", 1000));
        jobs.track(submitted("2", 2000));
        jobs.delivered("1", "FAILURE", true, 70, 0);
        jobs.delivered("2", "RUNNING", false, 8, 0);
        database.close();

        database = Database.open(settings, Clock.systemUTC());
        jobs = database.trackedJobs();

        assertThat(jobs.active()).containsExactly(new TrackedJob("2", "provider-2", "alice#1234", "alice", "", "cpu",
                Optional.of("RUNNING"), false, 8, 0, 2000));
        assertThat(jobs.endedUsage()).containsExactly(new UsageTotal("alice#1234", "", "cpu", 70, 0));
        assertThat(jobs.track(submitted("1", 3000))).as("an ended job stays tracked").isFalse();
    }

    private static TrackedJob submitted(String ucloudId, long atMillis) {
        return TrackedJob.submitted(ucloudId, "provider-" + ucloudId, "alice#1234", "alice", "", "cpu", atMillis);
    }

    /** Tracks a job and delivers its final state with the given usage. */
    private void track(String ucloudId, String user, String project, String category, long cpu, long gpu) {
        jobs.track(TrackedJob.submitted(ucloudId, ucloudId, user, user, project, category, 0));
        jobs.delivered(ucloudId, "SUCCESS", true, cpu, gpu);
    }
}
