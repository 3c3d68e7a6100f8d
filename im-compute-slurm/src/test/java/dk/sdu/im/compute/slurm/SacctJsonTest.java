package dk.sdu.im.compute.slurm;

import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.UcloudJobState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SacctJsonTest {
    private static AccountingRecord only(String capture) {
        List<AccountingRecord> jobs = SacctJson.parse(Captures.read(capture));
        assertThat(jobs).hasSize(1);
        return jobs.getFirst();
    }

    @Test
    void readsTheCompletedCaptureAsTheJobNotItsBatchStep() {
        AccountingRecord job = only("sacct-completed.json");
        assertThat(job).isEqualTo(new AccountingRecord(5, Optional.empty(), SlurmState.COMPLETED, Optional.empty(),
                new ExitCode.Exited(0), Instant.ofEpochSecond(1796646677), Optional.of(Instant.ofEpochSecond(1796646679)),
                Optional.of(Instant.ofEpochSecond(1796646680)), Duration.ofSeconds(1),
                Map.of("cpu", 1L, "node", 1L, "billing", 1L), Optional.empty()));
        assertThat(job.cpus()).hasValue(1);
        assertThat(StateTable.statusOf(job)).isEqualTo(new JobStatus(UcloudJobState.SUCCESS, "Completed"));
    }

    /**
     * sacct's text output says FAILED|3:0 for this job (see SlurmClusterSystemTest), but 22.05's JSON records
     * return code 0 for the job and its step: the state alone must make it a failure.
     */
    @Test
    void readsTheFailedCaptureWhoseJsonLostTheExitCode() {
        AccountingRecord job = only("sacct-failed.json");
        assertThat(job.jobId()).isEqualTo(4);
        assertThat(job.user()).isEmpty();
        assertThat(job.state()).isEqualTo(SlurmState.FAILED);
        assertThat(job.exitCode()).isEqualTo(new ExitCode.Exited(0));
        assertThat(job.start()).contains(Instant.ofEpochSecond(1796646676));
        assertThat(job.end()).contains(Instant.ofEpochSecond(1796646677));
        assertThat(StateTable.statusOf(job)).isEqualTo(new JobStatus(UcloudJobState.FAILURE, "Failed"));
    }

    @Test
    void readsTheCancelledCaptureWithWhoCancelledIt() {
        AccountingRecord job = only("sacct-cancelled.json");
        assertThat(job.jobId()).isEqualTo(6);
        assertThat(job.user()).isEmpty();
        assertThat(job.state()).isEqualTo(SlurmState.CANCELLED);
        assertThat(job.exitCode()).isEqualTo(new ExitCode.Exited(0));
        assertThat(job.killRequestUser()).contains("imtalice");
        assertThat(job.elapsed()).isZero();
        assertThat(StateTable.statusOf(job)).isEqualTo(new JobStatus(UcloudJobState.SUCCESS, "Cancelled"));
        assertThat(StateTable.statusOf(job).isFinal()).isTrue();
    }

    @Test
    void readsASignalAReasonAndAPendingJobsMissingTimes() {
        String json = """
                {"errors":[],"jobs":[{"job_id":7,"user":"imtalice","state":{"current":"PENDING","reason":"Resources"},
                 "exit_code":{"status":"SIGNALED","return_code":null,"signal":{"signal_id":9,"name":"Killed"}},
                 "time":{"submission":100,"start":0,"end":0,"elapsed":0},"new_field_from_23_02":{"x":1}}]}""";
        AccountingRecord job = SacctJson.parse(json).getFirst();
        assertThat(job.user()).contains("imtalice");
        assertThat(job.reason()).contains("Resources");
        assertThat(job.exitCode()).isEqualTo(new ExitCode.Signaled(9, Optional.of("Killed")));
        assertThat(job.start()).isEmpty();
        assertThat(job.end()).isEmpty();
        assertThat(job.allocatedTres()).isEmpty();
        assertThat(job.cpus()).isEmpty();
    }

    @Test
    void refusesMalformedJson() {
        assertThatThrownBy(() -> SacctJson.parse("{\"jobs\":[")).isInstanceOf(SlurmJsonException.class)
                .hasMessageStartingWith("sacct: malformed JSON");
        assertThatThrownBy(() -> SacctJson.parse("[]")).isInstanceOf(SlurmJsonException.class)
                .hasMessage("sacct: not a JSON object");
        assertThatThrownBy(() -> SacctJson.parse("")).isInstanceOf(SlurmJsonException.class);
    }

    @Test
    void refusesAMissingOrWronglyTypedRequiredField() {
        String capture = Captures.read("sacct-completed.json");
        assertThatThrownBy(() -> SacctJson.parse(capture.replace("\"current\": \"COMPLETED\",", "")))
                .isInstanceOf(SlurmJsonException.class).hasMessage("sacct.jobs[0].state.current: missing");
        assertThatThrownBy(() -> SacctJson.parse(capture.replace("\"job_id\": 5,", "\"job_id\": \"5\",")))
                .isInstanceOf(SlurmJsonException.class).hasMessageStartingWith("sacct.jobs[0].job_id: expected an integer");
        assertThatThrownBy(() -> SacctJson.parse("{\"errors\":[]}"))
                .isInstanceOf(SlurmJsonException.class).hasMessage("sacct.jobs: missing");
        assertThatThrownBy(() -> SacctJson.parse(capture.replace("\"exit_code\": {", "\"exit_code_old\": {")))
                .isInstanceOf(SlurmJsonException.class).hasMessage("sacct.jobs[0].exit_code: missing");
    }

    @Test
    void refusesAnUnknownStateRatherThanGuessing() {
        String capture = Captures.read("sacct-completed.json");
        assertThatThrownBy(() -> SacctJson.parse(capture.replace("\"current\": \"COMPLETED\"", "\"current\": \"DONE\"")))
                .isInstanceOf(SlurmJsonException.class)
                .hasMessage("sacct.jobs[0].state.current: unknown Slurm job state 'DONE'");
    }

    @Test
    void refusesOutputWhereSlurmReportedErrors() {
        assertThatThrownBy(() -> SacctJson.parse("{\"errors\":[{\"error\":\"no db\",\"error_number\":7000}],\"jobs\":[]}"))
                .isInstanceOf(SlurmJsonException.class).hasMessageStartingWith("sacct reported 1 error(s)");
    }
}
