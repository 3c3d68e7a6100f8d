package dk.sdu.im.compute.backend;

import java.util.Objects;

/** The UCloud state of a job and a status text a user understands, as sent in a job update. */
public record JobStatus(UcloudJobState state, String text) {
    public JobStatus {
        Objects.requireNonNull(state);
        Objects.requireNonNull(text);
    }

    /** Whether the job has ended for good (the state is final). */
    public boolean isFinal() {
        return state.isFinal();
    }
}
