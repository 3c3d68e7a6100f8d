package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Background tasks (contract 4.6). Deliberately lenient about body shapes: it records what arrives. A
 * created task is the request's fields plus a numeric {@code id}; {@code postStatus} copies each
 * {@code newX} field onto {@code x} (an object value is merged) and appends the raw update to
 * {@code updates}; {@code markAsComplete} sets {@code complete}. A task of another provider is a 404.
 * Thread-safe (monitor).
 */
final class TaskBoard {
    private final Map<Long, Entry> tasks = new LinkedHashMap<>();
    private long nextId = 1;

    private record Entry(String provider, ObjectNode task) {
    }

    synchronized JsonNode create(String caller, JsonNode body) {
        ObjectNode reply = Fields.object();
        long id = nextId++;
        reply.put("id", id);
        Fields.requireObject(body, "request").properties().forEach(field -> {
            if (!field.getKey().equals("id")) {
                reply.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        ObjectNode task = reply.deepCopy();
        task.put("provider", caller);
        task.putArray("updates");
        task.put("complete", false);
        tasks.put(id, new Entry(caller, task));
        return reply;
    }

    synchronized JsonNode postStatus(String caller, JsonNode body) {
        JsonNode update = Fields.requireObject(body, "request").has("update") ? body.get("update") : body;
        ObjectNode task = owned(caller, Fields.requireObject(update, "update"));
        update.properties().forEach(field -> applyField(task, field.getKey(), field.getValue()));
        task.withArrayProperty("updates").add(update.deepCopy());
        return Fields.object();
    }

    synchronized JsonNode markAsComplete(String caller, JsonNode body) {
        owned(caller, Fields.requireObject(body, "request")).put("complete", true);
        return Fields.object();
    }

    synchronized List<JsonNode> tasks() {
        List<JsonNode> copy = new ArrayList<>();
        tasks.values().forEach(entry -> copy.add(entry.task().deepCopy()));
        return List.copyOf(copy);
    }

    private ObjectNode owned(String caller, JsonNode withId) {
        String raw = Fields.requireId(withId, "id");
        Entry entry;
        try {
            entry = tasks.get(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            throw CoreError.badRequest("Invalid request supplied: task id must be numeric");
        }
        if (entry == null || !entry.provider().equals(caller)) {
            throw CoreError.notFound("Not found or permission denied (" + raw + ")");
        }
        return entry.task();
    }

    private static void applyField(ObjectNode task, String name, JsonNode value) {
        if (!name.startsWith("new") || name.length() == 3) {
            return;
        }
        String target = Character.toLowerCase(name.charAt(3)) + name.substring(4);
        if (value.isObject() && task.path(target).isObject()) {
            ((ObjectNode) task.get(target)).setAll((ObjectNode) value.deepCopy());
        } else {
            task.set(target, value.deepCopy());
        }
    }
}
