package dk.sdu.im.compute.slurm;

import java.util.List;

/**
 * Parses the output of Slurm 22.05's {@code squeue --json} (openapi v0.0.38) into one {@link QueueRecord} per
 * job. Required: {@code job_id}, {@code user_name}, {@code job_state}.
 */
public final class SqueueJson {
    private SqueueJson() {}

    public static List<QueueRecord> parse(String json) {
        return SlurmOutput.jobs(json, "squeue").stream().map(SqueueJson::job).toList();
    }

    private static QueueRecord job(Fields job) {
        return new QueueRecord(job.integer("job_id"), job.text("user_name"),
                SlurmState.named(job.text("job_state"), job.at("job_state")));
    }
}
