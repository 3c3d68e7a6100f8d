package dk.sdu.im.compute.slurm;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Parses the output of Slurm 22.05's {@code sacct --json} (data parser dbv0.0.38) into one {@link
 * AccountingRecord} per job; steps are not reported. Required: {@code job_id}, {@code state.current},
 * {@code exit_code} and {@code time} with {@code submission} and {@code elapsed}.
 */
public final class SacctJson {
    private SacctJson() {}

    public static List<AccountingRecord> parse(String json) {
        return SlurmOutput.jobs(json, "sacct").stream().map(SacctJson::job).toList();
    }

    private static AccountingRecord job(Fields job) {
        Fields state = job.object("state");
        Fields time = job.object("time");
        return new AccountingRecord(
                job.integer("job_id"),
                job.optionalText("user"),
                SlurmState.named(state.text("current"), state.at("current")),
                state.optionalText("reason").filter(r -> !r.equals("None") && !r.isEmpty()),
                ExitCode.from(job.object("exit_code")),
                Instant.ofEpochSecond(time.integer("submission")),
                instant(time.optionalInteger("start")),
                instant(time.optionalInteger("end")),
                Duration.ofSeconds(time.integer("elapsed")),
                job.optionalObject("tres").map(SacctJson::allocated).orElse(Map.of()),
                job.optionalText("kill_request_user"));
    }

    /** Slurm writes 0 for a time that has not happened yet. */
    private static Optional<Instant> instant(OptionalLong seconds) {
        return seconds.isPresent() && seconds.getAsLong() > 0
                ? Optional.of(Instant.ofEpochSecond(seconds.getAsLong()))
                : Optional.empty();
    }

    private static Map<String, Long> allocated(Fields tres) {
        Map<String, Long> counts = new HashMap<>();
        if (!tres.node().has("allocated")) {
            return counts;
        }
        for (Fields one : tres.objects("allocated")) {
            OptionalLong count = one.optionalInteger("count");
            if (count.isPresent()) {
                String key = one.text("type") + one.optionalText("name").map(n -> "/" + n).orElse("");
                counts.put(key, count.getAsLong());
            }
        }
        return counts;
    }
}
