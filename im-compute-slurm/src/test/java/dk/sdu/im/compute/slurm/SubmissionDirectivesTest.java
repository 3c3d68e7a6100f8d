package dk.sdu.im.compute.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.compute.backend.Submission;
import dk.sdu.im.compute.script.SbatchDirective;
import dk.sdu.im.config.Placement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubmissionDirectivesTest {
    private static final Path FOLDER = Path.of("/home/alice/Jobs/app/4213");

    private static Submission submission(Submission.Machine machine, Optional<Duration> time, Optional<String> account) {
        return new Submission("4213", "ucloud-4213", FOLDER, FOLDER.resolve("job.sbatch"), FOLDER.resolve("stdout.txt"),
                FOLDER.resolve("stderr.txt"), machine, time, account);
    }

    private static List<String> lines(Submission submission) {
        return SubmissionDirectives.of(submission).stream()
                .map(d -> d.name() + d.value().map(v -> "=" + v).orElse("")).toList();
    }

    private static final List<String> ALWAYS = List.of("job-name=ucloud-4213", "chdir=" + FOLDER,
            "output=" + FOLDER + "/stdout.txt", "error=" + FOLDER + "/stderr.txt", "ntasks=1");

    @Test
    void aPlainProductAsksForItsCpusAndNothingElse() {
        Submission plain = submission(new Submission.Machine(1, 0, 0, Placement.DEFAULTS), Optional.empty(), Optional.empty());

        assertThat(lines(plain)).containsExactlyElementsOf(concat(ALWAYS, List.of("cpus-per-task=1")));
    }

    @Test
    void everyResourceAndPlacementInAStableOrder() {
        Placement placement = new Placement(Optional.of("gpu"), Optional.of("high"), Optional.of("avx512&ib"), "gpu:a100");
        Submission full = submission(new Submission.Machine(8, 32, 2, placement),
                Optional.of(Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4)), Optional.of("ucloud_p1"));

        assertThat(lines(full)).containsExactlyElementsOf(concat(ALWAYS, List.of("cpus-per-task=8", "mem=32G",
                "gres=gpu:a100:2", "time=1-02:03:04", "partition=gpu", "qos=high", "constraint=avx512&ib", "account=ucloud_p1")));
    }

    @Test
    void eachOptionalPartAppearsAlone() {
        Placement qos = new Placement(Optional.empty(), Optional.of("low"), Optional.empty(), "gpu");
        Placement constraint = new Placement(Optional.empty(), Optional.empty(), Optional.of("ib"), "gpu");

        assertThat(lines(submission(new Submission.Machine(2, 4, 0, Placement.DEFAULTS), Optional.empty(), Optional.empty())))
                .endsWith("cpus-per-task=2", "mem=4G");
        assertThat(lines(submission(new Submission.Machine(2, 0, 1, Placement.DEFAULTS), Optional.empty(), Optional.empty())))
                .endsWith("cpus-per-task=2", "gres=gpu:1");
        assertThat(lines(submission(new Submission.Machine(1, 0, 0, qos), Optional.empty(), Optional.of("acct"))))
                .endsWith("cpus-per-task=1", "qos=low", "account=acct");
        assertThat(lines(submission(new Submission.Machine(1, 0, 0, constraint), Optional.of(Duration.ofMinutes(90)),
                Optional.empty()))).endsWith("cpus-per-task=1", "time=01:30:00", "constraint=ib");
    }

    @Test
    void noMemoryMeansNoMemoryRequestNeverMemZero() {
        List<SbatchDirective> directives = SubmissionDirectives.of(
                submission(new Submission.Machine(4, 0, 0, Placement.DEFAULTS), Optional.empty(), Optional.empty()));

        assertThat(directives).extracting(SbatchDirective::name).doesNotContain("mem");
    }

    @Test
    void timeLimitsAreWholeSecondsRoundedUpInSlurmsForm() {
        assertThat(SubmissionDirectives.timeLimit(Duration.ofHours(2))).isEqualTo("02:00:00");
        assertThat(SubmissionDirectives.timeLimit(Duration.ofSeconds(59, 200_000_000))).isEqualTo("00:01:00");
        assertThat(SubmissionDirectives.timeLimit(Duration.ofHours(23).plusMinutes(59).plusSeconds(59))).isEqualTo("23:59:59");
        assertThat(SubmissionDirectives.timeLimit(Duration.ofDays(3))).isEqualTo("3-00:00:00");
        assertThat(SubmissionDirectives.timeLimit(Duration.ofDays(400).plusSeconds(1))).isEqualTo("400-00:00:01");
    }

    @Test
    void aZeroOrNegativeLimitIsOneSecondNotSlurmsUnlimited() {
        assertThat(SubmissionDirectives.timeLimit(Duration.ZERO)).isEqualTo("00:00:01");
        assertThat(SubmissionDirectives.timeLimit(Duration.ofMillis(-500))).isEqualTo("00:00:01");
    }

    @Test
    void outputPathsKeepAPercentSignAsItselfAndRefuseABackslash() {
        assertThat(SubmissionDirectives.filenamePattern(Path.of("/home/a/100%/out-%j.txt"))).isEqualTo("/home/a/100%%/out-%%j.txt");
        assertThatThrownBy(() -> SubmissionDirectives.filenamePattern(Path.of("/home/a/b\\c/out.txt")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backslash");
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
