package dk.sdu.im.compute.slurm;

import dk.sdu.im.compute.backend.ComputeRefusal;
import dk.sdu.im.compute.slurm.SlurmTools.Outcome;
import dk.sdu.im.compute.slurm.SlurmTools.Tool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The Slurm tools as one half of the backend calls them, all with that half's timeout: plain runs, and the two
 * read-only views of jobs both halves use, sacct's accounting (with exit codes and usage, kept after the job
 * ended) and squeue's queue (slurmctld's memory, for clusters without accounting). Lines the parsers cannot read
 * are logged and left out. Ids must already be {@link JobIds#valid}.
 */
final class SlurmCalls {
    /** Ids per sacct call: 1,000 ids of 10 digits make an argument of 11 kB, far below Linux's 128 kB per argument. */
    static final int IDS_PER_CALL = 1000;
    private static final Logger LOG = Logger.getLogger(SlurmCalls.class.getName());

    private final SlurmTools tools;
    private final Duration timeout;

    SlurmCalls(SlurmTools tools, Duration timeout) {
        this.tools = tools;
        this.timeout = timeout;
    }

    /**
     * These calls with what is left of the timeout since {@code started} ({@link System#nanoTime}), for a method
     * whose calls, one after the other, must together stay within it.
     */
    SlurmCalls rest(long started) {
        Duration left = timeout.minusNanos(System.nanoTime() - started);
        return new SlurmCalls(tools, left.isNegative() ? Duration.ZERO : left);
    }

    /** {@code tool} with {@code arguments}, in {@code directory} if given; see {@link SlurmTools#run}. */
    Outcome run(Tool tool, List<String> arguments, Optional<Path> directory) throws ComputeRefusal {
        if (timeout.isZero()) {
            throw new ComputeRefusal(tool.program() + " was not run: the call's time was used up", false);
        }
        return tools.run(tool, arguments, directory, timeout);
    }

    /**
     * sacct's record of each of {@code ids} it knows: {@code sacct [-a] -X -n -P -j <ids> --format=...}, one call
     * per {@link #IDS_PER_CALL} ids. With {@code -j}, sacct searches from the epoch to now (its default time window
     * for given jobs), so no {@code -S} is needed. {@code allUsers} adds {@code -a}, for the service account.
     *
     * @return empty when this Slurm keeps no accounting ("accounting storage is disabled")
     * @throws ComputeRefusal (the site's) when sacct fails otherwise, in its words
     */
    Optional<List<AccountingLine>> accounting(List<String> ids, boolean allUsers) throws ComputeRefusal {
        List<AccountingLine> jobs = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_CALL) {
            List<String> arguments = new ArrayList<>(List.of("-X", "-n", "-P", "-j",
                    String.join(",", ids.subList(from, Math.min(ids.size(), from + IDS_PER_CALL))),
                    "--format=" + SacctParsable.FORMAT));
            if (allUsers) {
                arguments.addFirst("-a");
            }
            Outcome outcome = run(Tool.SACCT, arguments, Optional.empty());
            if (!outcome.ok()) {
                if (outcome.said("accounting storage is disabled")) {
                    return Optional.empty();
                }
                throw new ComputeRefusal(outcome.words(), false);
            }
            jobs.addAll(logged(SacctParsable.parse(outcome.stdout())));
        }
        return Optional.of(jobs);
    }

    /**
     * squeue's line for one job, {@code squeue -h --jobs=<id> --states=all -o <format>}; empty when slurmctld no
     * longer holds it ("Invalid job id specified").
     */
    Optional<QueueLine> queued(String id) throws ComputeRefusal {
        Outcome outcome = run(Tool.SQUEUE, List.of("-h", "--jobs=" + id, "--states=all", "-o", SqueueText.FORMAT),
                Optional.empty());
        if (!outcome.ok()) {
            if (outcome.said("Invalid job id specified")) {
                return Optional.empty();
            }
            throw new ComputeRefusal(outcome.words(), false);
        }
        long wanted = Long.parseLong(id);
        return logged(SqueueText.parse(outcome.stdout())).stream().filter(job -> job.jobId() == wanted).findFirst();
    }

    /**
     * Every job slurmctld holds, in every state and partition: {@code squeue -h -a --states=all -o <format>}. One
     * call whatever the number of jobs wanted, and no error for an id it forgot, as {@code --jobs} would give.
     */
    List<QueueLine> queue() throws ComputeRefusal {
        Outcome outcome = run(Tool.SQUEUE, List.of("-h", "-a", "--states=all", "-o", SqueueText.FORMAT), Optional.empty());
        if (!outcome.ok()) {
            throw new ComputeRefusal(outcome.words(), false);
        }
        return logged(SqueueText.parse(outcome.stdout()));
    }

    private static <T> List<T> logged(Columns.Rows<T> rows) {
        rows.refused().forEach(LOG::warning);
        return rows.rows();
    }
}
