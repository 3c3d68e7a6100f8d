package dk.sdu.im.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.sdu.im.testkit.client.ProviderClient;
import dk.sdu.im.testkit.client.Reply;
import dk.sdu.im.testkit.core.ShellJobs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Jobs of the testkit's shell application at an installation, as UCloud handles them: created in the testkit's
 * catalogue, sent to the provider through the gateway, the provider's id recorded, and their updates read back.
 * For the jobs system test and benchmark.
 */
final class SiteJobs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Installation site;
    private final ProviderClient client;
    private final String category;
    private final AtomicInteger nextId = new AtomicInteger(4200);

    SiteJobs(Installation site, ProviderClient client, String category) {
        this.site = site;
        this.client = client;
        this.category = category;
    }

    /** A job of {@code user} created in the testkit's catalogue (not yet sent to the provider). */
    ObjectNode job(String user, String script, int minutes, String product) {
        return jobInProject(user, null, script, minutes, product);
    }

    /** Like {@link #job}, in UCloud project {@code project} (null: the personal workspace). */
    ObjectNode jobInProject(String user, String project, String script, int minutes, String product) {
        String id = String.valueOf(nextId.incrementAndGet());
        ObjectNode job = ShellJobs.job(id, user, Installation.PROVIDER, product, category, script, minutes);
        ((ObjectNode) job.get("owner")).put("project", project);
        return site.core.createJob(Installation.PROVIDER, job);
    }

    /** Sends {@code jobs/create} as {@code user}; the reply as it came. */
    Reply create(String user, ObjectNode job) {
        return client.asUser(user).post("jobs", items(job));
    }

    /** Submits; asserts the provider accepted with a Slurm id, records it as Core does, and returns Core's id. */
    String submitted(String user, ObjectNode job) {
        Reply reply = create(user, job);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        String providerId = reply.json().at("/responses/0/id").asText();
        assertThat(providerId).isNotEmpty();
        site.core.providerCreatedJob(job.path("id").asText(), providerId);
        return job.path("id").asText();
    }

    Reply terminate(String user, JsonNode job) {
        return client.asUser(user).post("jobs/terminate", items(job));
    }

    /** The job's updates at Core, in arrival order. */
    List<JsonNode> updates(String id) {
        JsonNode job = site.core.job(id);
        List<JsonNode> updates = new ArrayList<>();
        if (job != null) {
            job.path("updates").forEach(updates::add);
        }
        return updates;
    }

    /** The states of the job's updates, in order (updates without a state left out). */
    List<String> states(String id) {
        return updates(id).stream().filter(u -> u.hasNonNull("state")).map(u -> u.get("state").asText()).toList();
    }

    boolean isFinal(String id) {
        JsonNode job = site.core.job(id);
        String state = job == null ? "" : job.path("status").path("state").asText();
        return state.equals("SUCCESS") || state.equals("FAILURE") || state.equals("EXPIRED");
    }

    /** Core's clock when the update with {@code state} arrived, or -1. */
    long arrivalOf(String id, String state) {
        return updates(id).stream().filter(u -> state.equals(u.path("state").asText(null)))
                .mapToLong(u -> u.path("timestamp").asLong()).findFirst().orElse(-1);
    }

    private static ObjectNode items(JsonNode job) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("items").add(job);
        return body;
    }
}
