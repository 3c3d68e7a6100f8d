package dk.sdu.im.user.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dk.sdu.im.api.ApiException;
import java.time.Duration;
import java.util.Optional;

/**
 * The parts of Core's Job (contract 5.4) around the application: who owns it, which product it runs on, its name and
 * time allocation, and what the provider said about it before (its provider id and output folder). Read leniently from
 * the JSON tree, like the rest of the boundary; the application itself is {@link dk.sdu.im.compute.app.JobJson}'s.
 *
 * @param project the UCloud project, or empty for the personal workspace
 * @param name the job's name, or empty
 * @param application the application's name
 * @param timeAllocation empty when Core sent none (or zero)
 * @param providerId the id this provider gave the job at submission, once Core stored it
 * @param outputFolder the UCloud path of the job folder, once reported
 */
record JobEnvelope(String id, String createdBy, String project, String product, String category, String name,
                   String application, Optional<Duration> timeAllocation, Optional<String> providerId,
                   Optional<String> outputFolder) {

    static JobEnvelope of(JsonNode job) {
        String id = job.path("id").asText("");
        if (id.isEmpty()) {
            throw ApiException.badRequest("The job has no id");
        }
        JsonNode specification = job.path("specification");
        JsonNode product = specification.path("product");
        String application = job.path("status").path("resolvedApplication").path("metadata").path("name")
                .asText(specification.path("application").path("name").asText(""));
        return new JobEnvelope(id, job.path("owner").path("createdBy").asText(""), text(job.path("owner").path("project")),
                product.path("id").asText(""), product.path("category").asText(""), text(specification.path("name")),
                application, allocation(specification.path("timeAllocation")), optional(job.path("providerGeneratedId")),
                optional(job.path("output").path("outputFolder")));
    }

    private static Optional<Duration> allocation(JsonNode time) {
        if (!time.isObject()) {
            return Optional.empty();
        }
        long seconds = time.path("hours").asLong() * 3600 + time.path("minutes").asLong() * 60 + time.path("seconds").asLong();
        return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : "";
    }

    private static Optional<String> optional(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? Optional.of(node.asText()) : Optional.empty();
    }
}
