package dk.sdu.im.user.jobs;

import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Submission;
import dk.sdu.im.compute.backend.UcloudJobState;
import dk.sdu.im.compute.backend.UserCompute;
import dk.sdu.im.compute.script.SbatchDirective;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A scheduler whose answer about every job the test sets; it counts how often it was asked. */
final class FollowFakeCompute implements UserCompute {
    private final AtomicReference<Optional<JobStatus>> status =
            new AtomicReference<>(Optional.of(new JobStatus(UcloudJobState.RUNNING, "running")));
    private final AtomicInteger asked = new AtomicInteger();

    void finish() {
        status.set(Optional.of(new JobStatus(UcloudJobState.SUCCESS, "done")));
    }

    void forget() {
        status.set(Optional.empty());
    }

    int asked() {
        return asked.get();
    }

    @Override
    public Optional<JobStatus> status(String providerJobId) {
        asked.incrementAndGet();
        return status.get();
    }

    @Override
    public List<SbatchDirective> directives(Submission submission) {
        return List.of();
    }

    @Override
    public String submit(Submission submission) {
        throw new UnsupportedOperationException("a follow submits nothing");
    }

    @Override
    public void cancel(String providerJobId) {
        throw new UnsupportedOperationException("a follow cancels nothing");
    }

    @Override
    public int activeJobs() {
        return 0;
    }
}
