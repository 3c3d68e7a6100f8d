package dk.sdu.im.compute.backend;

import dk.sdu.im.compute.script.SbatchDirective;
import java.util.List;
import java.util.Optional;

/**
 * The IM/User half of a backend: everything runs as the instance's own user, so the scheduler's permissions,
 * limits and accounting apply unchanged. Calls must return within a few seconds (Core gives up after 5).
 */
public interface UserCompute {
    /** The scheduler directives that request what {@code submission} asks for, written at the top of the script. */
    List<SbatchDirective> directives(Submission submission);

    /** Submits the script already written at {@code submission.script()}; returns the scheduler's id. */
    String submit(Submission submission) throws ComputeRefusal;

    /** Cancels a job of this user; a job that already ended is no error. */
    void cancel(String providerJobId) throws ComputeRefusal;

    /** The job's state as this user's scheduler tools see it; empty when the scheduler no longer knows it. */
    Optional<JobStatus> status(String providerJobId) throws ComputeRefusal;

    /** Jobs this process itself runs and must stay alive for (the local backend's); 0 when a scheduler runs them. */
    int activeJobs();
}
