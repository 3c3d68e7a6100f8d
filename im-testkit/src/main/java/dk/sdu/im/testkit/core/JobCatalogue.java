package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jobs as Core's catalogue holds them (contract 5.4). Tests create jobs (in real UCloud a user would);
 * providers update them through {@code jobs/control/update} and read them back. A job of another provider
 * is indistinguishable from a missing one: 404 {@code "Not found or permission denied (<id>)"}.
 * Thread-safe (monitor).
 */
final class JobCatalogue {
    private final Clock clock;
    private final ProductCatalogue products;
    private final Map<String, Entry> jobs = new LinkedHashMap<>();

    private record Entry(String provider, ObjectNode job) {
    }

    JobCatalogue(Clock clock, ProductCatalogue products) {
        this.clock = clock;
        this.products = products;
    }

    /** Adds a job; missing parts of the tree get Core's defaults. Returns a snapshot. */
    synchronized ObjectNode create(String provider, ObjectNode job) {
        String id = job.path("id").asText("");
        if (id.isEmpty() || jobs.containsKey(id)) {
            throw new IllegalArgumentException("job id missing or already used: '" + id + "'");
        }
        ObjectNode stored;
        try {
            stored = JobTrees.withDefaults(job.deepCopy(), clock.millis());
        } catch (CoreError e) {
            throw new IllegalArgumentException(e.why(), e);
        }
        ObjectNode status = (ObjectNode) stored.get("status");
        if (status.path("resolvedProduct").isNull()) {
            status.set("resolvedProduct", products.resolve(stored.path("specification").get("product")));
        }
        jobs.put(id, new Entry(provider, stored));
        return stored.deepCopy();
    }

    /** {@code POST /api/jobs/control/update}: all ids must be the caller's, then each update is applied. */
    synchronized JsonNode update(String caller, ArrayNode items) {
        for (JsonNode item : items) {
            Fields.requireObject(item, "item");
            owned(caller, Fields.requireId(item, "id"));
            JobUpdateRules.validate(item.get("update"));
        }
        for (JsonNode item : items) {
            JobUpdateRules.apply(jobs.get(item.get("id").asText()).job(), item.get("update"), clock.millis());
        }
        return Fields.object();
    }

    synchronized void providerGeneratedId(String id, String providerGeneratedId) {
        Entry entry = jobs.get(id);
        if (entry == null) {
            throw new IllegalArgumentException("no job " + id);
        }
        if (!providerGeneratedId.isEmpty()) {
            entry.job().put("providerGeneratedId", providerGeneratedId);
        }
    }

    synchronized JsonNode retrieve(String caller, String id) {
        return owned(caller, id).deepCopy();
    }

    synchronized JsonNode browse(String caller, Map<String, String> query) {
        String state = query.get("filterState");
        List<JsonNode> matching = new ArrayList<>();
        for (Entry entry : jobs.values()) {
            boolean stateMatches = state == null || state.isEmpty()
                    || state.equals(entry.job().path("status").path("state").asText());
            if (entry.provider().equals(caller) && stateMatches) {
                matching.add(entry.job().deepCopy());
            }
        }
        return Paging.page(matching, query);
    }

    synchronized boolean exists(String caller, String id) {
        Entry entry = jobs.get(id);
        return entry != null && entry.provider().equals(caller);
    }

    /** A snapshot, or null if there is no such job. */
    synchronized JsonNode snapshot(String id) {
        Entry entry = jobs.get(id);
        return entry == null ? null : entry.job().deepCopy();
    }

    private ObjectNode owned(String caller, String id) {
        Entry entry = jobs.get(id);
        if (entry == null || !entry.provider().equals(caller)) {
            // Exact text from Core; the Go IM drops the id from its batch when it sees this 404.
            throw CoreError.notFound("Not found or permission denied (" + id + ")");
        }
        return entry.job();
    }
}
