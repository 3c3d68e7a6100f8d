package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds and completes Job trees in Core's shape (contract 5.4): {@code updates} is {@code []} at creation,
 * the state starts as {@code IN_QUEUE}, and optional parts are explicit nulls.
 */
final class JobTrees {
    private JobTrees() {
    }

    static ObjectNode job(String id, String createdBy, String project, ObjectNode specification) {
        ObjectNode job = Fields.object();
        job.put("id", id);
        ObjectNode owner = job.putObject("owner");
        owner.put("createdBy", createdBy);
        owner.put("project", project);
        job.set("specification", specification.deepCopy());
        return job;
    }

    static ObjectNode withDefaults(ObjectNode job, long nowMillis) {
        putIfAbsent(job, "createdAt", nowMillis);
        ObjectNode owner = job.withObjectProperty("owner");
        if (!owner.has("createdBy")) {
            owner.put("createdBy", "_ucloud");
        }
        if (!owner.has("project")) {
            owner.putNull("project");
        }
        if (!job.has("permissions")) {
            ObjectNode permissions = job.putObject("permissions");
            permissions.putArray("myself").add("ADMIN");
            permissions.putArray("others");
        }
        job.withArrayProperty("updates");
        job.withObjectProperty("specification");
        statusDefaults(job.withObjectProperty("status"));
        ObjectNode output = job.withObjectProperty("output");
        if (!output.has("outputFolder")) {
            output.putNull("outputFolder");
        }
        return job;
    }

    private static void statusDefaults(ObjectNode status) {
        if (!status.path("state").isTextual()) {
            status.put("state", JobState.IN_QUEUE.name());
        }
        JobState.parse(status.get("state").asText());
        for (String field : new String[] {"startedAt", "expiresAt", "resolvedApplication", "resolvedProduct",
                "resolvedSupport", "jobParametersJson"}) {
            if (!status.has(field)) {
                status.putNull(field);
            }
        }
        if (!status.has("allowRestart")) {
            status.put("allowRestart", false);
        }
    }

    private static void putIfAbsent(ObjectNode node, String field, long value) {
        if (!node.has(field) || node.get(field).isNull()) {
            node.put(field, value);
        }
    }
}
