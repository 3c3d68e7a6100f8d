package dk.sdu.im.user.jobs;

import dk.sdu.im.compute.backend.Observation;
import dk.sdu.im.compute.backend.ObservationSink;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds what a backend reports of a job until IM/Server tracks it. A local job starts running inside its submission,
 * before IM/Server has been told of it and so before IM/Server would accept its state: such reports wait here (the
 * latest one per job) and go on once the job is tracked; those of a job IM/Server refused are dropped.
 */
final class HeldObservations implements ObservationSink {
    private final ObservationSink server;
    private final Set<String> tracked = ConcurrentHashMap.newKeySet();
    private final Map<String, Observation> held = new LinkedHashMap<>();

    HeldObservations(ObservationSink server) {
        this.server = server;
    }

    @Override
    public void observed(Observation observation) {
        synchronized (held) {
            if (!tracked.contains(observation.providerJobId())) {
                held.put(observation.providerJobId(), observation);
                return;
            }
        }
        server.observed(observation);
    }

    /** IM/Server tracks the job now: what was held for it goes on, and so does everything after. */
    void tracked(String providerJobId) {
        Observation waiting;
        synchronized (held) {
            tracked.add(providerJobId);
            waiting = held.remove(providerJobId);
        }
        if (waiting != null) {
            server.observed(waiting);
        }
    }

    /** IM/Server will not track the job: what was held for it is dropped. */
    void refused(String providerJobId) {
        synchronized (held) {
            held.remove(providerJobId);
        }
    }
}
