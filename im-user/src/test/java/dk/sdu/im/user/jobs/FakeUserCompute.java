package dk.sdu.im.user.jobs;

import dk.sdu.im.compute.backend.ComputeRefusal;
import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Submission;
import dk.sdu.im.compute.script.SbatchDirective;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A backend's user half that runs nothing: it asks for the job's name and CPUs, records what it was handed
 * (the submission and the script as it was on disk then), and answers {@link #ID} or the refusal a test set.
 */
final class FakeUserCompute implements dk.sdu.im.compute.backend.UserCompute {
    static final String ID = "991";

    final List<Submission> submissions = new CopyOnWriteArrayList<>();
    final List<String> scripts = new CopyOnWriteArrayList<>();
    final List<String> cancelled = new CopyOnWriteArrayList<>();
    volatile ComputeRefusal refusal;

    @Override
    public List<SbatchDirective> directives(Submission submission) {
        return List.of(SbatchDirective.of("job-name", submission.name()),
                SbatchDirective.of("cpus-per-task", String.valueOf(submission.machine().cpus())));
    }

    @Override
    public String submit(Submission submission) throws ComputeRefusal {
        submissions.add(submission);
        try {
            scripts.add(Files.readString(submission.script()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (refusal != null) {
            throw refusal;
        }
        return ID;
    }

    @Override
    public void cancel(String providerJobId) {
        cancelled.add(providerJobId);
    }

    @Override
    public Optional<JobStatus> status(String providerJobId) {
        return Optional.empty();
    }

    @Override
    public int activeJobs() {
        return 0;
    }
}
