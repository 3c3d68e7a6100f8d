package dk.sdu.im.compute.backend;

/**
 * Where a backend without a scheduler to poll (the local one) reports what it sees of its jobs; IM/User forwards
 * it to IM/Server, which treats it exactly like a poll's result for the jobs of that instance's own user.
 */
@FunctionalInterface
public interface ObservationSink {
    void observed(Observation observation);

    /** For backends whose state IM/Server polls itself. */
    static ObservationSink none() {
        return observation -> { };
    }
}
