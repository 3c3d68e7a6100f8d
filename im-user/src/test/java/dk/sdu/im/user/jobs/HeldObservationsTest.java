package dk.sdu.im.user.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Observation;
import dk.sdu.im.compute.backend.UcloudJobState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A local job's state seen before IM/Server tracks the job waits for the tracking; a refused job's is dropped. */
class HeldObservationsTest {
    private final List<Observation> sent = new CopyOnWriteArrayList<>();
    private final HeldObservations held = new HeldObservations(sent::add);

    private static Observation of(String id, UcloudJobState state) {
        return new Observation(id, Optional.of("alice"), new JobStatus(state, state.name()), 0, 0);
    }

    @Test
    void aStateSeenBeforeTrackingGoesOnOnceTheJobIsTrackedAndLaterOnesDirectly() {
        held.observed(of("local-1", UcloudJobState.RUNNING));
        assertThat(sent).isEmpty();

        held.tracked("local-1");
        held.observed(of("local-1", UcloudJobState.SUCCESS));

        assertThat(sent).containsExactly(of("local-1", UcloudJobState.RUNNING), of("local-1", UcloudJobState.SUCCESS));
    }

    @Test
    void onlyTheLatestHeldStateOfAJobGoesOn() {
        held.observed(of("local-2", UcloudJobState.RUNNING));
        held.observed(of("local-2", UcloudJobState.FAILURE));
        held.tracked("local-2");

        assertThat(sent).containsExactly(of("local-2", UcloudJobState.FAILURE));
    }

    @Test
    void theStatesOfARefusedJobAreDroppedAndOtherJobsAreNotHeldUp() {
        held.observed(of("local-3", UcloudJobState.RUNNING));
        held.refused("local-3");
        held.tracked("local-4");
        held.observed(of("local-4", UcloudJobState.RUNNING));

        assertThat(sent).containsExactly(of("local-4", UcloudJobState.RUNNING));
    }
}
