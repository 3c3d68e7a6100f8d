package dk.sdu.im.user.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.sdu.im.api.ApiException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The parts of Core's Job (contract 5.4) IM/User reads around the application, from the JSON Core sends. */
class JobEnvelopeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsOwnerProductNameAllocationAndApplicationOfACreatedJob() {
        JobEnvelope envelope = JobEnvelope.of(Jobs.wordCount());

        assertThat(envelope).isEqualTo(new JobEnvelope("4213", "alice#1234", "", "cpu-2", "cpu", "nightly run",
                "word-count", Optional.of(Duration.ofMinutes(90)), Optional.empty(), Optional.empty()));
    }

    @Test
    void aProjectJobNamesItsProject() {
        ObjectNode job = Jobs.wordCount();
        job.withObjectProperty("owner").put("project", "9b1c2f0e");

        assertThat(JobEnvelope.of(job).project()).isEqualTo("9b1c2f0e");
    }

    @Test
    void aJobCoreHasSeenBeforeCarriesTheProviderIdAndTheOutputFolder() {
        ObjectNode job = Jobs.wordCount();
        job.put("providerGeneratedId", "991");
        job.withObjectProperty("output").put("outputFolder", "/12/Jobs/word-count/4213");

        JobEnvelope envelope = JobEnvelope.of(job);

        assertThat(envelope.providerId()).contains("991");
        assertThat(envelope.outputFolder()).contains("/12/Jobs/word-count/4213");
    }

    @Test
    void aNullMissingOrZeroTimeAllocationIsNone() {
        ObjectNode withNull = Jobs.wordCount();
        withNull.withObjectProperty("specification").putNull("timeAllocation");
        ObjectNode missing = Jobs.wordCount();
        missing.withObjectProperty("specification").remove("timeAllocation");
        ObjectNode zero = Jobs.wordCount();
        zero.withObjectProperty("specification").putObject("timeAllocation").put("hours", 0).put("minutes", 0)
                .put("seconds", 0);

        assertThat(JobEnvelope.of(withNull).timeAllocation()).isEmpty();
        assertThat(JobEnvelope.of(missing).timeAllocation()).isEmpty();
        assertThat(JobEnvelope.of(zero).timeAllocation()).isEmpty();
    }

    @Test
    void secondsOfTheAllocationCount() {
        ObjectNode job = Jobs.wordCount();
        job.withObjectProperty("specification").putObject("timeAllocation").put("hours", 2).put("minutes", 0)
                .put("seconds", 5);

        assertThat(JobEnvelope.of(job).timeAllocation()).contains(Duration.ofSeconds(7205));
    }

    @Test
    void theApplicationNameFallsBackToTheSpecificationWithoutAResolvedApplication() throws Exception {
        JsonNode job = JSON.readTree("""
                {"id":"7","owner":{"createdBy":"bob#5678"},
                 "specification":{"product":{"id":"cpu-1","category":"cpu"},"application":{"name":"plain","version":"2"}}}
                """);

        JobEnvelope envelope = JobEnvelope.of(job);

        assertThat(envelope.application()).isEqualTo("plain");
        assertThat(envelope.project()).as("no project at all").isEmpty();
        assertThat(envelope.name()).isEmpty();
        assertThat(envelope.providerId()).isEmpty();
        assertThat(envelope.outputFolder()).isEmpty();
    }

    @Test
    void anEmptyProviderIdOrOutputFolderIsNone() {
        ObjectNode job = Jobs.wordCount();
        job.put("providerGeneratedId", "");
        job.withObjectProperty("output").put("outputFolder", "");

        assertThat(JobEnvelope.of(job).providerId()).isEmpty();
        assertThat(JobEnvelope.of(job).outputFolder()).isEmpty();
    }

    @Test
    void aJobWithoutAnIdIsABadRequest() throws Exception {
        JsonNode job = JSON.readTree("{\"owner\":{\"createdBy\":\"alice#1234\"}}");

        assertThatThrownBy(() -> JobEnvelope.of(job)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }
}
