package dk.sdu.im.compute.local;

import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Observation;
import dk.sdu.im.compute.backend.ObservationSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every observation, for asserting a job's whole sequence. */
final class RecordingSink implements ObservationSink {
    private final List<Observation> seen = new CopyOnWriteArrayList<>();

    @Override
    public void observed(Observation observation) {
        seen.add(observation);
    }

    List<Observation> of(String providerJobId) {
        return seen.stream().filter(o -> o.providerJobId().equals(providerJobId)).toList();
    }

    List<JobStatus> statusesOf(String providerJobId) {
        return of(providerJobId).stream().map(Observation::status).toList();
    }

    /** Waits (up to 20 s) until the job's end is seen, and returns that last observation. */
    Observation awaitEnd(String providerJobId) {
        Waiting.until(() -> of(providerJobId).stream().anyMatch(o -> o.status().isFinal()),
                "the end of " + providerJobId);
        return of(providerJobId).getLast();
    }
}
