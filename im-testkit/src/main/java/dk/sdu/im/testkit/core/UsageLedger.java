package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Usage reports (contract 4.4). Each item needs a category registered by the caller (403 otherwise) and a
 * numeric {@code usage}. The reply per item is {@code true} unless a test locked that wallet. Every
 * accepted item is kept, in arrival order, for inspection. Thread-safe (monitor).
 */
final class UsageLedger {
    private final ProductCatalogue products;
    private final List<JsonNode> reports = new ArrayList<>();
    private final Set<WalletKey> locked = new HashSet<>();

    /** A wallet: the owner's username or project id, and the category name. */
    private record WalletKey(String owner, String category) {
    }

    UsageLedger(ProductCatalogue products) {
        this.products = products;
    }

    synchronized JsonNode report(String caller, ArrayNode items) {
        for (JsonNode item : items) {
            validate(caller, item);
        }
        ObjectNode reply = Fields.object();
        ArrayNode responses = reply.putArray("responses");
        for (JsonNode item : items) {
            reports.add(item.deepCopy());
            responses.add(!locked.contains(walletOf(item)));
        }
        return reply;
    }

    synchronized void lock(String owner, String category) {
        locked.add(new WalletKey(owner, category));
    }

    synchronized void unlock(String owner, String category) {
        locked.remove(new WalletKey(owner, category));
    }

    synchronized List<JsonNode> reports() {
        List<JsonNode> copy = new ArrayList<>();
        reports.forEach(report -> copy.add(report.deepCopy()));
        return List.copyOf(copy);
    }

    private void validate(String caller, JsonNode item) {
        ObjectNode category = Fields.requireObject(Fields.requireObject(item, "item"), "categoryIdV2", "categoryIdV2");
        String provider = Fields.requireText(category, "provider");
        String name = Fields.requireText(category, "name");
        if (!provider.equals(caller) || !products.hasCategory(provider, name)) {
            throw CoreError.forbidden("Unknown product category or not owned by this provider: " + name);
        }
        ObjectNode owner = Fields.requireObject(item, "owner", "owner");
        String type = Fields.requireText(owner, "type");
        if (!type.equals("user") && !type.equals("project")) {
            throw CoreError.badRequest("Invalid request supplied: unknown owner type '" + type + "'");
        }
        Fields.requireText(owner, type.equals("user") ? "username" : "projectId");
        if (!item.path("usage").isIntegralNumber()) {
            throw CoreError.badRequest("Invalid request supplied: 'usage' must be an integer");
        }
        Fields.optionalBoolean(item, "isDeltaCharge");
    }

    private static WalletKey walletOf(JsonNode item) {
        JsonNode owner = item.get("owner");
        String id = owner.get("type").asText().equals("user") ? owner.get("username").asText()
                : owner.get("projectId").asText();
        return new WalletKey(id, item.get("categoryIdV2").get("name").asText());
    }
}
