package dk.sdu.im.compute.slurm;

import dk.sdu.im.compute.backend.ComputeRefusal;
import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Submission;
import dk.sdu.im.compute.backend.UserCompute;
import dk.sdu.im.compute.script.SbatchDirective;
import dk.sdu.im.compute.slurm.SlurmTools.Outcome;
import dk.sdu.im.compute.slurm.SlurmTools.Tool;
import java.util.List;
import java.util.Optional;

/**
 * Slurm as the instance's own user (IM/User): sbatch and scancel act with that user's permissions, limits and
 * accounts, so Slurm itself decides what is allowed. Every call is bounded by the user-call timeout (Core waits
 * at most 5 s). Refusals carry Slurm's own words.
 */
final class SlurmUserCompute implements UserCompute {
    private final SlurmCalls slurm;

    SlurmUserCompute(SlurmTools tools) {
        this.slurm = new SlurmCalls(tools, tools.limits().userCall());
    }

    @Override
    public List<SbatchDirective> directives(Submission submission) {
        return SubmissionDirectives.of(submission);
    }

    /**
     * {@code sbatch --parsable <script>} in the job folder. A refusal by Slurm (non-zero exit) is the request's,
     * in Slurm's words; a tool that is missing, hangs or prints no job id is the site's.
     */
    @Override
    public String submit(Submission submission) throws ComputeRefusal {
        if (!submission.script().isAbsolute()) {
            throw new ComputeRefusal("the job script must be given by its absolute path: " + submission.script(), false);
        }
        Outcome outcome = slurm.run(Tool.SBATCH, List.of("--parsable", submission.script().toString()),
                Optional.of(submission.folder()));
        if (!outcome.ok()) {
            throw new ComputeRefusal(outcome.words(), true);
        }
        return submittedId(outcome.stdout());
    }

    /**
     * {@code scancel <id>}. A job that already ended, or that Slurm no longer knows, is no error (scancel exits 0
     * for both, or says "already completing or completed" / "Invalid job id specified"). "Access/permission
     * denied" (another user's job) is the request's fault; anything else the site's.
     */
    @Override
    public void cancel(String providerJobId) throws ComputeRefusal {
        Outcome outcome = slurm.run(Tool.SCANCEL, List.of(JobIds.checked(providerJobId)), Optional.empty());
        if (outcome.ok() || outcome.said("already completing or completed") || outcome.said("Invalid job id specified")) {
            return;
        }
        throw new ComputeRefusal(outcome.words(), outcome.said("Access/permission denied"));
    }

    /**
     * squeue first, {@code squeue -h --jobs=<id> --states=all -o ...}: a waiting or running job's state is slurmctld's.
     * For a job that ended, or that slurmctld forgot, sacct's record, {@code sacct -X -n -P -j <id> --format=...},
     * which has the exit code; squeue's final state when accounting has none. Empty when neither knows the job.
     * Both calls together stay within the user-call timeout.
     */
    @Override
    public Optional<JobStatus> status(String providerJobId) throws ComputeRefusal {
        String id = JobIds.checked(providerJobId);
        long started = System.nanoTime();
        Optional<JobStatus> queued = slurm.queued(id).map(QueueLine::status);
        if (queued.isPresent() && !queued.get().isFinal()) {
            return queued;
        }
        Optional<List<AccountingLine>> accounted;
        try {
            accounted = slurm.rest(started).accounting(List.of(id), false);
        } catch (ComputeRefusal e) {
            if (queued.isPresent()) {
                return queued;
            }
            throw e;
        }
        long wanted = Long.parseLong(id);
        return accounted.orElse(List.of()).stream().filter(job -> job.jobId() == wanted).findFirst()
                .map(AccountingLine::status).or(() -> queued);
    }

    @Override
    public int activeJobs() {
        return 0;
    }

    /** sbatch --parsable prints {@code <id>} or {@code <id>;<cluster>}. */
    private static String submittedId(String stdout) throws ComputeRefusal {
        String line = stdout.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        int semicolon = line.indexOf(';');
        String id = semicolon < 0 ? line : line.substring(0, semicolon);
        if (!JobIds.valid(id)) {
            throw new ComputeRefusal("sbatch accepted the job but printed no job id: '" + line + "'", false);
        }
        return id;
    }
}
