package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How Core applies one JobUpdate to a job tree (contract 4.1). An update is skipped, and not recorded,
 * when its {@code expectedState} differs from the current state, when {@code expectedDifferentState} is
 * set and the new state equals the current one, or when it would move a job out of a final state
 * (SUCCESS, FAILURE, EXPIRED) into a non-final one. Otherwise its fields are applied, its
 * {@code timestamp} is replaced by Core's clock, and it is appended to {@code updates}.
 */
final class JobUpdateRules {
    private JobUpdateRules() {
    }

    /** Rejects malformed updates (400) before anything in the batch is applied. */
    static void validate(JsonNode update) {
        Fields.requireObject(update, "update");
        stateField(update, "state");
        stateField(update, "expectedState");
        Fields.optionalBoolean(update, "expectedDifferentState");
        Fields.optionalText(update, "status");
        Fields.optionalText(update, "outputFolder");
        JsonNode timestamp = update.get("timestamp");
        if (timestamp != null && !timestamp.isIntegralNumber()) {
            // Go cannot decode null (or a string) into a timestamp and rejects the whole request.
            throw CoreError.badRequest("Invalid request supplied: 'timestamp' must be a number");
        }
        JsonNode allocation = update.get("newTimeAllocation");
        if (allocation != null && !allocation.isNull() && !allocation.isIntegralNumber()) {
            throw CoreError.badRequest("Invalid request supplied: 'newTimeAllocation' must be a number");
        }
    }

    /** Applies {@code update} if the rules allow; returns whether it was applied. */
    static boolean apply(ObjectNode job, JsonNode update, long nowMillis) {
        ObjectNode status = (ObjectNode) job.get("status");
        JobState current = JobState.parse(status.path("state").asText());
        JobState next = stateField(update, "state");
        if (!allowed(current, next, update)) {
            return false;
        }
        if (next != null) {
            status.put("state", next.name());
            if (next == JobState.RUNNING && status.path("startedAt").isNull()) {
                status.put("startedAt", nowMillis);
            }
        }
        applyFields(job, update);
        refreshExpiry(job);
        ObjectNode recorded = update.deepCopy();
        recorded.put("timestamp", nowMillis);
        job.withArrayProperty("updates").add(recorded);
        return true;
    }

    private static boolean allowed(JobState current, JobState next, JsonNode update) {
        JobState expected = stateField(update, "expectedState");
        if (expected != null && expected != current) {
            return false;
        }
        if (next != null && Fields.optionalBoolean(update, "expectedDifferentState") && next == current) {
            return false;
        }
        return next == null || !current.isFinal() || next.isFinal();
    }

    private static void applyFields(ObjectNode job, JsonNode update) {
        ObjectNode status = (ObjectNode) job.get("status");
        ObjectNode specification = (ObjectNode) job.get("specification");
        String outputFolder = Fields.optionalText(update, "outputFolder");
        if (outputFolder != null) {
            job.withObjectProperty("output").put("outputFolder", outputFolder);
        }
        if (update.path("allowRestart").isBoolean()) {
            status.put("allowRestart", update.get("allowRestart").asBoolean());
        }
        if (update.path("newTimeAllocation").isIntegralNumber()) {
            specification.set("timeAllocation", duration(update.get("newTimeAllocation").asLong()));
        }
        if (update.path("resourceList").isArray()) {
            specification.set("resources", update.get("resourceList").deepCopy());
        }
    }

    /** {@code expiresAt = startedAt + timeAllocation}, when both are known. */
    private static void refreshExpiry(ObjectNode job) {
        ObjectNode status = (ObjectNode) job.get("status");
        JsonNode allocation = job.path("specification").path("timeAllocation");
        if (status.path("startedAt").isIntegralNumber() && allocation.isObject()) {
            long millis = ((allocation.path("hours").asLong() * 60 + allocation.path("minutes").asLong()) * 60
                    + allocation.path("seconds").asLong()) * 1000;
            status.put("expiresAt", status.get("startedAt").asLong() + millis);
        }
    }

    private static ObjectNode duration(long millis) {
        long seconds = millis / 1000;
        ObjectNode duration = Fields.object();
        duration.put("hours", Math.toIntExact(seconds / 3600));
        duration.put("minutes", (int) (seconds % 3600) / 60);
        duration.put("seconds", (int) (seconds % 60));
        return duration;
    }

    private static JobState stateField(JsonNode update, String field) {
        String value = Fields.optionalText(update, field);
        return value == null ? null : JobState.parse(value);
    }
}
