package dk.sdu.im.server.ucloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UCloud's job callbacks (contract 4.1, 4.4): state updates, existence checks, reading a job back, and usage
 * reports. Runs in IM/Server with the provider's credentials; callers decide what to say from their own records.
 */
public final class JobClient {
    /** Core's 404 for a job it does not know or that is not this provider's ends in the job id in parentheses. */
    private static final Pattern NOT_FOUND_ID = Pattern.compile("\\(([^()]+)\\)$");

    private final CoreClient core;

    public JobClient(CoreClient core) {
        this.core = core;
    }

    /** One item of {@code /api/jobs/control/update}. */
    public record Update(String id, JobUpdate update) {
    }

    /** A JobUpdate; {@code timestamp} is required by Core, which replaces it with its own clock. Nulls are left out. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record JobUpdate(String state, String status, String outputFolder, Boolean expectedDifferentState,
                            long timestamp) {
    }

    /**
     * Sends a batch. A job UCloud does not know (404 naming it) is taken out and the rest sent again, as the Go module
     * does; the ids taken out are returned for {@link #exists} to confirm.
     *
     * @throws CoreFailure for any other failure; nothing of the remaining batch is then known to have arrived
     */
    public List<String> update(List<Update> items) throws CoreFailure {
        List<Update> batch = new ArrayList<>(items);
        List<String> unknown = new ArrayList<>();
        while (!batch.isEmpty()) {
            try {
                core.post("/api/jobs/control/update", Map.of("items", batch));
                return unknown;
            } catch (CoreFailure failure) {
                Optional<String> id = failure.status() == 404 ? unknownId(failure) : Optional.empty();
                if (id.isEmpty() || batch.stream().noneMatch(u -> u.id().equals(id.get()))) {
                    throw failure;
                }
                batch.removeIf(u -> u.id().equals(id.get()));
                unknown.add(id.get());
            }
        }
        return unknown;
    }

    /** Whether UCloud still has job {@code id} of this provider ({@code checkExistence}). */
    public boolean exists(String id) throws CoreFailure {
        JsonNode reply = core.post("/api/providers/resources/checkExistence",
                Map.of("items", List.of(Map.of("type", "job", "id", id))));
        return reply.path("responses").path(0).asBoolean(true);
    }

    /**
     * Whose job {@code id} is, as UCloud's catalogue says.
     *
     * @param createdBy the UCloud user who submitted it
     * @param project its project, or empty for the personal workspace
     * @param category the compute category of its product
     */
    public record JobOwner(String createdBy, String project, String category) {
    }

    /** Whose job {@code id} is and what it is charged to, as UCloud's catalogue says. */
    public JobOwner owner(String id) throws CoreFailure {
        JsonNode job = core.get("/api/jobs/control/retrieve?id=" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8));
        JsonNode project = job.path("owner").path("project");
        return new JobOwner(job.path("owner").path("createdBy").asText(""), project.isTextual() ? project.asText() : "",
                job.path("specification").path("product").path("category").asText(""));
    }

    /** One absolute usage figure for {@code reportUsage}. */
    public record Usage(String ownerType, String username, String projectId, String category, String provider, long usage) {
    }

    /** Reports absolute usage; returns, per item, whether the owner may go on using the category. */
    public List<Boolean> reportUsage(List<Usage> items) throws CoreFailure {
        List<Object> body = new ArrayList<>();
        for (Usage item : items) {
            body.add(Map.of("isDeltaCharge", false,
                    "owner", Map.of("type", item.ownerType(), "username", item.username(), "projectId", item.projectId()),
                    "categoryIdV2", Map.of("name", item.category(), "provider", item.provider()),
                    "usage", item.usage(),
                    "description", Map.of()));
        }
        JsonNode reply = core.post("/api/accounting/v2/reportUsage", Map.of("items", body));
        List<Boolean> allowed = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            allowed.add(reply.path("responses").path(i).asBoolean(true));
        }
        return allowed;
    }

    private static Optional<String> unknownId(CoreFailure failure) {
        Matcher matcher = NOT_FOUND_ID.matcher(failure.getMessage());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
