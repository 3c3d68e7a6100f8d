package dk.sdu.im.server.jobs;

import static dk.sdu.im.compute.backend.UcloudJobState.FAILURE;
import static dk.sdu.im.compute.backend.UcloudJobState.IN_QUEUE;
import static dk.sdu.im.compute.backend.UcloudJobState.RUNNING;
import static dk.sdu.im.compute.backend.UcloudJobState.SUCCESS;
import static dk.sdu.im.server.jobs.JobsFixture.ALICE;
import static dk.sdu.im.server.jobs.JobsFixture.aliceJob;
import static dk.sdu.im.server.jobs.JobsFixture.seen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Observation;
import dk.sdu.im.db.TrackedJob;
import dk.sdu.im.db.TrackedJobs;
import dk.sdu.im.db.TrackedJobs.UsageTotal;
import dk.sdu.im.server.ucloud.FakeCoreClients;
import dk.sdu.im.server.ucloud.JobClient;
import dk.sdu.im.testkit.core.RecordedRequest;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How what a backend saw becomes job updates at UCloud (contract 4.1), exactly once, against FakeCore and a real
 * SQLite database: only changes are sent, one batch per look, recorded after UCloud accepted them, resent after a
 * failure or a restart with {@code expectedDifferentState} so UCloud records them once.
 */
class JobTrackerTest {
    @TempDir
    Path dir;

    JobsFixture fixture;
    /** The database under the tracker; it goes on as normal until a test sets {@code crashOnEnd}. */
    CrashingStore store;
    JobTracker tracker;

    @BeforeEach
    void start() {
        fixture = new JobsFixture(dir);
        store = new CrashingStore(fixture.store);
        tracker = new JobTracker(store, fixture.client, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aJobIsReportedRunningThenSuccessfulAndThenNoLongerTracked() {
        fixture.createJob("4213", ALICE);
        assertThat(tracker.track(aliceJob("4213"))).isTrue();

        tracker.apply(List.of(seen("4213", IN_QUEUE, 0)));
        assertThat(fixture.updatePosts()).as("a queued job is what UCloud already knows").isEmpty();

        tracker.apply(List.of(seen("4213", RUNNING, 60)));
        assertThat(fixture.states("4213")).containsExactly("RUNNING");
        assertThat(fixture.updates("4213").getFirst().path("expectedDifferentState").asBoolean()).isTrue();
        assertThat(fixture.core.job("4213").at("/status/state").asText()).isEqualTo("RUNNING");

        tracker.apply(List.of(seen("4213", SUCCESS, 3600)));
        assertThat(fixture.states("4213")).containsExactly("RUNNING", "SUCCESS");
        assertThat(fixture.updatePosts()).hasSize(2);
        assertThat(tracker.providerIds()).isEmpty();
        assertThat(fixture.store.active()).isEmpty();
        assertThat(fixture.store.endedUsage()).containsExactly(new UsageTotal(ALICE, "", "cpu", 3600, 0));
    }

    @Test
    void theStatusTextOfTheObservationIsSentWithTheState() {
        submit("4213");

        tracker.apply(List.of(new Observation("slurm-4213", Optional.empty(),
                new JobStatus(RUNNING, "Your job is now running."), 0, 0)));

        assertThat(fixture.updates("4213")).singleElement()
                .satisfies(update -> assertThat(update.path("status").asText()).isEqualTo("Your job is now running."));
    }

    @Test
    void aJobThatEndsBeforeItWasSeenRunningIsReportedRunningFirstInTheSameBatch() {
        submit("4213");
        tracker.apply(List.of(seen("4213", IN_QUEUE, 0)));

        tracker.apply(List.of(seen("4213", FAILURE, 10)));

        assertThat(fixture.states("4213")).containsExactly("RUNNING", "FAILURE");
        assertThat(fixture.updatePosts()).singleElement()
                .satisfies(post -> assertThat(post.json().path("items")).hasSize(2));
        assertThat(fixture.core.job("4213").at("/status/startedAt").isIntegralNumber())
                .as("UCloud recorded when it started").isTrue();
        assertThat(fixture.core.job("4213").at("/status/state").asText()).isEqualTo("FAILURE");
    }

    @Test
    void theSameObservationAgainSendsNothing() {
        submit("4213");

        tracker.apply(List.of(seen("4213", RUNNING, 60)));
        tracker.apply(List.of(seen("4213", RUNNING, 120)));
        tracker.apply(List.of(seen("4213", RUNNING, 180)));

        assertThat(fixture.updatePosts()).hasSize(1);
        assertThat(fixture.states("4213")).containsExactly("RUNNING");
        assertThat(tracker.activeUsage()).as("usage still follows the polls")
                .containsExactly(new UsageTotal(ALICE, "", "cpu", 180, 0));
    }

    @Test
    void anObservationAsAnotherUnixAccountIsIgnored() {
        submit("4213");

        tracker.apply(List.of(new Observation("slurm-4213", Optional.of("mallory"), new JobStatus(SUCCESS, "done"),
                99_999, 0)));

        assertThat(fixture.updatePosts()).isEmpty();
        assertThat(tracker.providerIds()).containsExactly("slurm-4213");
        assertThat(tracker.activeUsage()).containsExactly(new UsageTotal(ALICE, "", "cpu", 0, 0));
        assertThat(fixture.store.active()).extracting(TrackedJob::lastState).containsExactly(Optional.empty());
    }

    @Test
    void anObservationAsTheJobsOwnAccountIsApplied() {
        submit("4213");

        tracker.apply(List.of(new Observation("slurm-4213", Optional.of("alice"), new JobStatus(RUNNING, "running"),
                5, 0)));

        assertThat(fixture.states("4213")).containsExactly("RUNNING");
    }

    @Test
    void anObservationOfAnUntrackedJobIsIgnored() {
        tracker.apply(List.of(seen("999", RUNNING, 1)));

        assertThat(fixture.updatePosts()).isEmpty();
        assertThat(tracker.providerIds()).isEmpty();
    }

    @Test
    void theChangesOfSeveralJobsGoToUcloudInOneRequest() {
        submit("1", "2", "3");

        tracker.apply(List.of(seen("1", RUNNING, 1), seen("2", IN_QUEUE, 0), seen("3", SUCCESS, 3)));

        assertThat(fixture.updatePosts()).singleElement().satisfies(post -> assertThat(post.json().path("items"))
                .extracting(item -> item.path("id").asText() + ":" + item.at("/update/state").asText())
                .containsExactly("1:RUNNING", "3:RUNNING", "3:SUCCESS"));
        assertThat(fixture.states("1")).containsExactly("RUNNING");
        assertThat(fixture.states("2")).isEmpty();
        assertThat(fixture.states("3")).containsExactly("RUNNING", "SUCCESS");
        assertThat(tracker.providerIds()).containsExactlyInAnyOrder("slurm-1", "slurm-2");
    }

    @Test
    void whenUcloudFailsNothingIsRecordedAndTheNextLookSendsTheChangeAgain() {
        submit("4213");
        fixture.core.failNext(JobsFixture.UPDATE, 500, 1);

        tracker.apply(List.of(seen("4213", RUNNING, 60)));

        assertThat(fixture.updatePosts()).extracting(RecordedRequest::status).containsExactly(500);
        assertThat(fixture.updates("4213")).isEmpty();
        assertThat(fixture.store.active()).extracting(TrackedJob::lastState).containsExactly(Optional.empty());

        tracker.apply(List.of(seen("4213", RUNNING, 60)));

        assertThat(fixture.updatePosts()).extracting(RecordedRequest::status).containsExactly(500, 200);
        assertThat(fixture.states("4213")).containsExactly("RUNNING");
        assertThat(fixture.store.active()).extracting(TrackedJob::lastState).containsExactly(Optional.of("RUNNING"));
    }

    @Test
    void whenUcloudIsDownAFinalStateStaysTrackedUntilItIsAccepted() {
        submit("4213");
        fixture.core.setOutage(true);

        tracker.apply(List.of(seen("4213", SUCCESS, 60)));

        assertThat(tracker.providerIds()).containsExactly("slurm-4213");
        assertThat(fixture.store.active()).hasSize(1);
        fixture.core.setOutage(false);

        tracker.apply(List.of(seen("4213", SUCCESS, 60)));

        assertThat(fixture.states("4213")).containsExactly("RUNNING", "SUCCESS");
        assertThat(tracker.providerIds()).isEmpty();
        assertThat(fixture.store.active()).isEmpty();
    }

    @Test
    void whenUcloudCannotBeReachedNothingIsRecordedAndATrackerThatReachesItSendsTheChange() throws Exception {
        submit("4213");
        var unreachable = new JobClient(FakeCoreClients.connect(URI.create("http://127.0.0.1:" + closedPort()),
                fixture.provider));

        new JobTracker(fixture.store, unreachable, Clock.systemUTC()).apply(List.of(seen("4213", RUNNING, 60)));

        assertThat(fixture.store.active()).extracting(TrackedJob::lastState).containsExactly(Optional.empty());
        assertThat(fixture.updatePosts()).isEmpty();

        fixture.newTracker().apply(List.of(seen("4213", RUNNING, 60)));

        assertThat(fixture.states("4213")).containsExactly("RUNNING");
    }

    @Test
    void aJobUcloudDoesNotKnowLeavesTheBatchTheOthersArriveAndItIsForgotten() {
        fixture.createJob("1", ALICE);
        fixture.createJob("3", ALICE);
        for (String id : List.of("1", "2", "3")) {
            tracker.track(aliceJob(id));
        }

        tracker.apply(List.of(seen("1", RUNNING, 1), seen("2", RUNNING, 2), seen("3", RUNNING, 3)));

        List<RecordedRequest> posts = fixture.updatePosts();
        assertThat(posts).extracting(RecordedRequest::status).containsExactly(404, 200);
        assertThat(posts.get(1).json().path("items")).extracting(item -> item.path("id").asText())
                .containsExactly("1", "3");
        assertThat(fixture.states("1")).containsExactly("RUNNING");
        assertThat(fixture.states("3")).containsExactly("RUNNING");
        assertThat(fixture.core.requests()).filteredOn(r -> r.is("POST", "/api/providers/resources/checkExistence"))
                .singleElement().satisfies(check -> assertThat(check.json().at("/items/0/id").asText()).isEqualTo("2"));
        assertThat(tracker.providerIds()).containsExactlyInAnyOrder("slurm-1", "slurm-3");
        assertThat(fixture.store.active()).extracting(TrackedJob::ucloudId).containsExactly("1", "3");

        tracker.apply(List.of(seen("2", SUCCESS, 2)));
        assertThat(fixture.updatePosts()).as("the forgotten job is not reported again").hasSize(2);
        assertThat(fixture.newTracker().providerIds()).as("nor polled after a restart")
                .containsExactlyInAnyOrder("slurm-1", "slurm-3");
    }

    @Test
    void afterACrashBetweenUcloudAcceptingAFinalStateAndRecordingItANewTrackerResendsItAndUcloudKeepsOne() {
        submit("4213");
        tracker.apply(List.of(seen("4213", RUNNING, 60)));
        store.crashOnEnd = true;

        assertThatThrownBy(() -> tracker.apply(List.of(seen("4213", SUCCESS, 120)))).hasMessage("simulated crash");
        assertThat(fixture.states("4213")).as("UCloud accepted it").containsExactly("RUNNING", "SUCCESS");
        assertThat(fixture.store.active()).extracting(TrackedJob::lastState).containsExactly(Optional.of("RUNNING"));

        JobTracker after = fixture.newTracker();
        after.apply(List.of(seen("4213", SUCCESS, 120)));

        List<RecordedRequest> posts = fixture.updatePosts();
        assertThat(posts).hasSize(3);
        JsonNode resent = posts.getLast().json().at("/items/0/update");
        assertThat(resent.path("state").asText()).isEqualTo("SUCCESS");
        assertThat(resent.path("expectedDifferentState").asBoolean()).isTrue();
        assertThat(fixture.states("4213")).containsExactly("RUNNING", "SUCCESS");
        assertThat(fixture.store.active()).isEmpty();
        assertThat(fixture.store.endedUsage()).containsExactly(new UsageTotal(ALICE, "", "cpu", 120, 0));
        assertThat(after.providerIds()).isEmpty();
    }

    @Test
    void afterACrashWhenAQueuedJobEndedUcloudKeepsOneRunningAndOneFinalState() {
        submit("4213");
        store.crashOnEnd = true;

        assertThatThrownBy(() -> tracker.apply(List.of(seen("4213", SUCCESS, 5)))).hasMessage("simulated crash");

        fixture.newTracker().apply(List.of(seen("4213", SUCCESS, 5)));

        assertThat(fixture.updatePosts()).hasSize(2);
        assertThat(fixture.states("4213")).containsExactly("RUNNING", "SUCCESS");
        assertThat(fixture.store.active()).isEmpty();
    }

    @Test
    void aNewTrackerFollowsTheJobsTheDatabaseHoldsWithTheirLastState() {
        submit("1", "2");
        tracker.apply(List.of(seen("1", RUNNING, 10), seen("2", SUCCESS, 20)));

        JobTracker restarted = fixture.newTracker();
        restarted.apply(List.of(seen("1", RUNNING, 30)));

        assertThat(restarted.providerIds()).containsExactly("slurm-1");
        assertThat(restarted.ofUser("slurm-1", "alice")).isPresent();
        assertThat(restarted.ofUser("slurm-1", "bob")).isEmpty();
        assertThat(fixture.updatePosts()).as("RUNNING was accepted before the restart").hasSize(1);
        assertThat(restarted.track(aliceJob("2"))).as("an ended job is still known").isFalse();
    }

    @Test
    void aSecondUCloudJobClaimingTheProviderIdOfOneNotYetOverIsNotTracked() {
        submit("1");
        fixture.createJob("2", ALICE);
        TrackedJob impostor = new TrackedJob("2", "slurm-1", "alice#1234", "alice", "", "cpu", java.util.Optional.empty(),
                false, 0, 0, 0);

        assertThat(tracker.track(impostor)).isFalse();
        tracker.apply(List.of(seen("1", RUNNING, 10)));
        assertThat(fixture.store.active()).extracting(TrackedJob::ucloudId).containsExactly("1");
    }

    /** Alice submits the jobs at UCloud and the tracker follows them. */
    private void submit(String... jobIds) {
        for (String id : jobIds) {
            fixture.createJob(id, ALICE);
            assertThat(tracker.track(aliceJob(id))).isTrue();
        }
    }

    /** A local port nothing listens on: bound by us a moment ago, then released. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The database, but IM/Server stops (throws) just before it records that a job ended. */
    static final class CrashingStore implements TrackedJobs {
        private final TrackedJobs store;
        volatile boolean crashOnEnd;

        CrashingStore(TrackedJobs store) {
            this.store = store;
        }

        @Override
        public boolean track(TrackedJob job) {
            return store.track(job);
        }

        @Override
        public List<TrackedJob> active() {
            return store.active();
        }

        @Override
        public void delivered(String ucloudId, String state, boolean ended, long cpuSeconds, long gpuSeconds) {
            if (ended && crashOnEnd) {
                throw new IllegalStateException("simulated crash");
            }
            store.delivered(ucloudId, state, ended, cpuSeconds, gpuSeconds);
        }

        @Override
        public void forget(String ucloudId) {
            store.forget(ucloudId);
        }

        @Override
        public List<UsageTotal> endedUsage() {
            return store.endedUsage();
        }
    }
}
