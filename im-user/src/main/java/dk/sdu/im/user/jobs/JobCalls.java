package dk.sdu.im.user.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.rpc.Access;
import dk.sdu.im.api.rpc.Reply;
import dk.sdu.im.api.rpc.Route;
import dk.sdu.im.compute.backend.ComputeRefusal;
import dk.sdu.im.compute.backend.UserCompute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * IM/User's job calls (contract 3.5): create and terminate, plus the empty answers Core expects from a provider
 * without dynamic parameters. Core sends one job per create today; each item is submitted in turn.
 */
public final class JobCalls {
    private final JobSubmitter submitter;
    private final UserCompute compute;
    private final Supplier<String> owner;

    JobCalls(JobSubmitter submitter, UserCompute compute, Supplier<String> owner) {
        this.submitter = submitter;
        this.compute = compute;
        this.owner = owner;
    }

    /** The calls, under {@code /ucloud/<providerId>/jobs}. */
    public List<Route> routes(String providerId) {
        String base = "/ucloud/" + providerId + "/jobs";
        return List.of(
                new Route("POST", base, "jobs.create", Access.USER, call -> Reply.json(create(items(call.body(JsonNode.class))))),
                new Route("POST", base + "/terminate", "jobs.terminate", Access.USER,
                        call -> Reply.json(terminate(items(call.body(JsonNode.class))))),
                new Route("POST", base + "/requestDynamicParameters", "jobs.requestDynamicParameters", Access.USER,
                        call -> Reply.json(Map.of("parameters", List.of()))));
    }

    private Map<String, Object> create(List<JsonNode> items) {
        List<Object> responses = new ArrayList<>();
        for (JsonNode item : items) {
            responses.add(Map.of("id", submitter.submit(item)));
        }
        return Map.of("responses", responses);
    }

    /** Cancels each job as this user; a job of another user is refused here, before the scheduler is asked. */
    private Map<String, Object> terminate(List<JsonNode> items) {
        List<JobEnvelope> jobs = items.stream().map(JobEnvelope::of).toList();
        for (JobEnvelope job : jobs) {
            if (!job.createdBy().equals(owner.get())) {
                throw ApiException.forbidden("Job " + job.id() + " was submitted by another user; only they can stop it here");
            }
        }
        List<Object> responses = new ArrayList<>();
        for (JobEnvelope job : jobs) {
            job.providerId().ifPresent(this::cancel);
            responses.add(Map.of());
        }
        return Map.of("responses", responses);
    }

    private void cancel(String providerId) {
        try {
            compute.cancel(providerId);
        } catch (ComputeRefusal refusal) {
            throw ApiException.of(refusal.userError() ? 400 : 500, refusal.getMessage(), null);
        }
    }

    private static List<JsonNode> items(JsonNode body) {
        JsonNode items = body == null ? null : body.get("items");
        if (items == null || !items.isArray()) {
            throw ApiException.badRequest("The request has no 'items' list");
        }
        List<JsonNode> list = new ArrayList<>();
        items.forEach(list::add);
        return list;
    }
}
