package dk.sdu.im.compute.local;

import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Submission;
import dk.sdu.im.compute.backend.UcloudJobState;
import dk.sdu.im.config.Placement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Job folders with a script in a test's temporary directory, and how their jobs are seen running. */
final class Jobs {
    static final Submission.Machine TWO_CPUS_ONE_GPU = new Submission.Machine(2, 4, 1, Placement.DEFAULTS);
    static final JobStatus RUNNING = new JobStatus(UcloudJobState.RUNNING, "Running");

    private Jobs() {}

    /** Job {@code ucloudJobId} running {@code script}, in folder {@code <root>/<ucloudJobId>}. */
    static Submission job(Path root, String ucloudJobId, String script) throws IOException {
        return job(root, ucloudJobId, script, Optional.empty());
    }

    static Submission job(Path root, String ucloudJobId, String script, Optional<Duration> timeLimit)
            throws IOException {
        Path folder = Files.createDirectories(root.resolve(ucloudJobId));
        Path file = Files.writeString(folder.resolve("job.sbatch"), "#!/bin/bash\n" + script + "\n");
        return new Submission(ucloudJobId, "test-" + ucloudJobId, folder, file, folder.resolve("stdout.txt"),
                folder.resolve("stderr.txt"), TWO_CPUS_ONE_GPU, timeLimit, Optional.empty());
    }
}
