package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drives (file collections) registered by providers (contract 4.2, 5.2). Core assigns numeric ids from 1;
 * a {@code providerGeneratedId} is unique per provider (409 on a duplicate), and a provider may only
 * register drives of its own products (403). Reading back only shows the caller's drives; someone else's
 * drive is a 404, as Core hides what it will not show. Thread-safe (monitor).
 */
final class DriveCatalogue {
    private final Clock clock;
    private final ProductCatalogue products;
    private final Map<String, Entry> drives = new LinkedHashMap<>();
    private long nextId = 1;

    private record Entry(String provider, ObjectNode drive) {
    }

    DriveCatalogue(Clock clock, ProductCatalogue products) {
        this.clock = clock;
        this.products = products;
    }

    /** {@code POST /api/files/collections/control/register}: validates the whole batch, then registers it. */
    synchronized JsonNode register(String caller, ArrayNode items) {
        Set<String> seen = new HashSet<>(generatedIds(caller));
        for (JsonNode item : items) {
            validate(caller, item, seen);
        }
        ObjectNode reply = Fields.object();
        ArrayNode responses = reply.putArray("responses");
        for (JsonNode item : items) {
            responses.addObject().put("id", add(caller, item));
        }
        return reply;
    }

    synchronized JsonNode retrieve(String caller, String id) {
        Entry entry = drives.get(id);
        if (entry == null || !entry.provider().equals(caller)) {
            throw CoreError.notFound("Not found or permission denied (" + id + ")");
        }
        return entry.drive().deepCopy();
    }

    /** Core's browse; {@code filterProviderIds} is a comma-separated list of providerGeneratedIds, as in core2. */
    synchronized JsonNode browse(String caller, Map<String, String> query) {
        String filter = query.get("filterProviderIds");
        List<JsonNode> drives = of(caller);
        if (filter != null) {
            Set<String> wanted = Set.of(filter.split(","));
            drives = drives.stream().filter(d -> wanted.contains(d.path("providerGeneratedId").asText())).toList();
        }
        return Paging.page(drives, query);
    }

    synchronized List<JsonNode> of(String provider) {
        List<JsonNode> result = new ArrayList<>();
        for (Entry entry : drives.values()) {
            if (entry.provider().equals(provider)) {
                result.add(entry.drive().deepCopy());
            }
        }
        return List.copyOf(result);
    }

    synchronized boolean exists(String caller, String id) {
        Entry entry = drives.get(id);
        return entry != null && entry.provider().equals(caller);
    }

    private void validate(String caller, JsonNode item, Set<String> seen) {
        ObjectNode spec = Fields.requireObject(Fields.requireObject(item, "item"), "spec", "spec");
        ObjectNode product = Fields.requireObject(spec, "product", "spec.product");
        String provider = Fields.requireText(product, "provider");
        if (!provider.equals(caller)) {
            throw CoreError.forbidden("Product provider '" + provider + "' is not the calling provider");
        }
        Fields.optionalText(spec, "title");
        String generatedId = Fields.optionalText(item, "providerGeneratedId");
        if (generatedId != null && !generatedId.isEmpty() && !seen.add(generatedId)) {
            throw CoreError.conflict("A resource with this providerGeneratedId already exists");
        }
    }

    private String add(String caller, JsonNode item) {
        String id = Long.toString(nextId++);
        drives.put(id, new Entry(caller, drive(id, item)));
        return id;
    }

    private ObjectNode drive(String id, JsonNode item) {
        JsonNode spec = item.get("spec");
        ObjectNode drive = Fields.object();
        drive.put("id", id);
        drive.put("createdAt", clock.millis());
        ObjectNode owner = drive.putObject("owner");
        String createdBy = Fields.optionalText(item, "createdBy");
        owner.put("createdBy", createdBy == null || createdBy.isEmpty() ? "_ucloud" : createdBy);
        owner.set("project", item.path("project").isTextual() ? item.get("project") : owner.nullNode());
        drive.putNull("permissions");
        String generatedId = Fields.optionalText(item, "providerGeneratedId");
        if (generatedId != null && !generatedId.isEmpty()) {
            drive.put("providerGeneratedId", generatedId);
        }
        ObjectNode specification = drive.putObject("specification");
        specification.put("title", spec.path("title").asText(""));
        specification.set("product", spec.get("product").deepCopy());
        specification.set("labels", spec.path("labels").isObject() ? spec.get("labels").deepCopy() : Fields.object());
        drive.putArray("updates");
        ObjectNode status = drive.putObject("status");
        status.put("preferredDrive", false);
        status.putNull("resolvedSupport");
        status.set("resolvedProduct", products.resolve(spec.get("product")));
        return drive;
    }

    private List<String> generatedIds(String provider) {
        List<String> ids = new ArrayList<>();
        for (Entry entry : drives.values()) {
            if (entry.provider().equals(provider) && entry.drive().has("providerGeneratedId")) {
                ids.add(entry.drive().get("providerGeneratedId").asText());
            }
        }
        return ids;
    }
}
