package dk.sdu.im.compute.backend;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One job to submit, everything already decided by IM/User: the folder exists in the user's drive and the script
 * is written there.
 *
 * @param ucloudJobId Core's id of the job
 * @param name the job's name for the scheduler
 * @param folder the job folder (working directory)
 * @param script {@code job.sbatch} in the folder
 * @param stdout where the script's standard output goes
 * @param stderr where its standard error goes
 * @param machine what the product gives and where it runs
 * @param timeLimit the time allocation; empty for none
 * @param account the Slurm account to charge; empty for the user's default
 */
public record Submission(String ucloudJobId, String name, Path folder, Path script, Path stdout, Path stderr,
                         Machine machine, Optional<Duration> timeLimit, Optional<String> account) {
    public Submission {
        Objects.requireNonNull(ucloudJobId, "ucloudJobId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(timeLimit, "timeLimit");
        Objects.requireNonNull(account, "account");
    }

    /** The resources of a product and its category's placement. */
    public record Machine(int cpus, int memoryGiB, int gpus, dk.sdu.im.config.Placement placement) {
        public Machine {
            Objects.requireNonNull(placement, "placement");
        }
    }
}
