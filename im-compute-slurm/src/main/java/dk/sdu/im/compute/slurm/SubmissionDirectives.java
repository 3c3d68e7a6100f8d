package dk.sdu.im.compute.slurm;

import dk.sdu.im.compute.backend.Submission;
import dk.sdu.im.compute.script.SbatchDirective;
import dk.sdu.im.config.Placement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code #SBATCH} directives that ask Slurm for what a submission's product gives, always in this order:
 * {@code job-name}, {@code chdir}, {@code output}, {@code error}, {@code ntasks=1}, {@code cpus-per-task},
 * {@code mem}, {@code gres}, {@code time}, {@code partition}, {@code qos}, {@code constraint}, {@code account};
 * those without a value are left out.
 *
 * <ul>
 *   <li>{@code mem=<N>G} only for a product with memory: {@code memoryInGigs: 0} means "no memory request" (the
 *       partition's default), never {@code --mem=0}, which Slurm reads as "all the memory of the node".
 *   <li>{@code gres=<gpuGres>:<n>} only for a product with GPUs, e.g. {@code gpu:2} or {@code gpu:a100:2}.
 *   <li>{@code time} as {@code D-HH:MM:SS}, or {@code HH:MM:SS} under a day, in whole seconds rounded up; at least
 *       one second, as 0 would ask Slurm for no limit at all. Slurm itself rounds up to the next minute.
 *   <li>{@code output} and {@code error} are sbatch filename patterns: a {@code %} in the path is written {@code %%}
 *       so that it stays itself.
 * </ul>
 */
final class SubmissionDirectives {
    private SubmissionDirectives() {}

    static List<SbatchDirective> of(Submission submission) {
        Submission.Machine machine = submission.machine();
        Placement placement = machine.placement();
        List<SbatchDirective> directives = new ArrayList<>();
        directives.add(SbatchDirective.of("job-name", submission.name()));
        directives.add(SbatchDirective.of("chdir", submission.folder().toString()));
        directives.add(SbatchDirective.of("output", filenamePattern(submission.stdout())));
        directives.add(SbatchDirective.of("error", filenamePattern(submission.stderr())));
        directives.add(SbatchDirective.of("ntasks", "1"));
        directives.add(SbatchDirective.of("cpus-per-task", String.valueOf(machine.cpus())));
        if (machine.memoryGiB() > 0) {
            directives.add(SbatchDirective.of("mem", machine.memoryGiB() + "G"));
        }
        if (machine.gpus() > 0) {
            directives.add(SbatchDirective.of("gres", placement.gpuGres() + ":" + machine.gpus()));
        }
        submission.timeLimit().ifPresent(limit -> directives.add(SbatchDirective.of("time", timeLimit(limit))));
        placement.partition().ifPresent(partition -> directives.add(SbatchDirective.of("partition", partition)));
        placement.qos().ifPresent(qos -> directives.add(SbatchDirective.of("qos", qos)));
        placement.constraint().ifPresent(constraint -> directives.add(SbatchDirective.of("constraint", constraint)));
        submission.account().ifPresent(account -> directives.add(SbatchDirective.of("account", account)));
        return List.copyOf(directives);
    }

    /** {@code limit} in sbatch's {@code --time} form (see the class comment). */
    static String timeLimit(Duration limit) {
        long seconds = Math.max(1, limit.toSeconds() + (limit.toNanosPart() > 0 ? 1 : 0));
        long days = seconds / 86_400;
        String clock = "%02d:%02d:%02d".formatted(seconds % 86_400 / 3600, seconds % 3600 / 60, seconds % 60);
        return days > 0 ? days + "-" + clock : clock;
    }

    /**
     * The path as an sbatch filename pattern that names exactly it. sbatch drops every backslash of a pattern that
     * has one (and then expands nothing), so such a path cannot be named and is refused.
     */
    static String filenamePattern(Path file) {
        String path = file.toString();
        if (path.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("sbatch cannot write a job's output to a path with a backslash: " + path);
        }
        return path.replace("%", "%%");
    }
}
