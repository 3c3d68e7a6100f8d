package dk.sdu.im.server.jobs;

import static dk.sdu.im.server.jobs.JobsFixture.ALICE;
import static dk.sdu.im.server.jobs.JobsFixture.aliceJob;
import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Observation;
import dk.sdu.im.compute.backend.QueueStatus;
import dk.sdu.im.compute.backend.ServerCompute;
import dk.sdu.im.compute.backend.UcloudJobState;
import dk.sdu.im.config.ProductCategory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor's loop: one poll for all open jobs, and jobs a backend says died with IM/Server ended at its start. */
class JobMonitorTest {
    @TempDir
    Path dir;
    private JobsFixture fixture;
    private final List<Collection<String>> polls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        fixture = new JobsFixture(dir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** A backend whose jobs end with IM/Server (as the local one's do) and whose polls report every job running. */
    private final class DiesWithServer implements ServerCompute {
        @Override
        public List<String> problems(List<ProductCategory> categories) {
            return List.of();
        }

        @Override
        public Map<String, QueueStatus> queueStatus(List<ProductCategory> categories) {
            return Map.of();
        }

        @Override
        public List<Observation> poll(Collection<String> ids) {
            polls.add(List.copyOf(ids));
            List<Observation> running = new ArrayList<>();
            ids.forEach(id -> running.add(new Observation(id, Optional.empty(), new JobStatus(UcloudJobState.RUNNING, "Running"), 1, 0)));
            return running;
        }

        @Override
        public List<Observation> orphaned(Collection<String> ids) {
            return ids.stream().map(id -> new Observation(id, Optional.empty(),
                    new JobStatus(UcloudJobState.FAILURE, "Stopped: the provider restarted while the job ran"), 0, 0)).toList();
        }
    }

    @Test
    void jobsOpenWhenIMServerStartsAreEndedIfTheBackendSaysTheyDiedAndTheOthersArePolledTogether() {
        fixture.createJob("1", ALICE);
        fixture.createJob("2", ALICE);
        JobTracker before = fixture.newTracker();
        assertThat(before.track(aliceJob("1"))).isTrue();
        before.apply(List.of(new Observation("slurm-1", Optional.empty(), new JobStatus(UcloudJobState.RUNNING, "Running"), 1, 0)));

        JobTracker restarted = fixture.newTracker();
        try (JobMonitor monitor = new JobMonitor(new DiesWithServer(), restarted, List.of())) {
            monitor.start(Duration.ofMillis(50));
            assertThat(eventually(() -> fixture.states("1").contains("FAILURE"))).as(fixture.updates("1").toString()).isTrue();
            assertThat(restarted.track(aliceJob("2"))).isTrue();
            assertThat(eventually(() -> fixture.states("2").contains("RUNNING"))).isTrue();
        }

        assertThat(fixture.states("1")).containsExactly("RUNNING", "FAILURE");
        assertThat(fixture.updates("1").getLast().path("status").asText())
                .isEqualTo("Stopped: the provider restarted while the job ran");
        assertThat(fixture.states("2")).as("a job of the new run is polled, not taken for an orphan").containsExactly("RUNNING");
        assertThat(polls).allSatisfy(ids -> assertThat(ids).doesNotContain("slurm-1"));
    }

    private static boolean eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(10_000_000);
        }
        return true;
    }
}
