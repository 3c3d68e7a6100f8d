package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Core's product catalogue (contract 4.5): ProductV2 trees keyed by (provider, category, name), kept in
 * registration order. A category's accounting terms ({@code accountingUnit}, {@code accountingFrequency},
 * {@code freeToUse}) are fixed by its first product; a later product that differs is refused with a 400
 * naming the category. Re-registering a product replaces it. Thread-safe (monitor).
 */
final class ProductCatalogue {
    private final Map<ProductKey, ObjectNode> products = new LinkedHashMap<>();
    private final Map<CategoryKey, CategoryTerms> categories = new HashMap<>();

    record ProductKey(String provider, String category, String name) {
    }

    record CategoryKey(String provider, String name) {
    }

    private record CategoryTerms(JsonNode accountingUnit, String accountingFrequency, boolean freeToUse) {
        static CategoryTerms of(JsonNode category) {
            JsonNode unit = category.path("accountingUnit");
            return new CategoryTerms(unit.isMissingNode() ? null : unit.deepCopy(),
                    Fields.optionalText(category, "accountingFrequency"),
                    Fields.optionalBoolean(category, "freeToUse"));
        }
    }

    /** {@code POST /api/products/v2}: validates the whole batch, then applies it. */
    synchronized JsonNode register(String callerProvider, ArrayNode items) {
        Map<CategoryKey, CategoryTerms> batchTerms = new HashMap<>(categories);
        for (JsonNode item : items) {
            checkOwnership(callerProvider, item);
            checkTerms(item, batchTerms);
        }
        for (JsonNode item : items) {
            store((ObjectNode) item.deepCopy());
        }
        return Fields.object();
    }

    /** A product Core already has; same validation, no caller check. */
    synchronized void seed(ObjectNode product) {
        try {
            checkTerms(product, new HashMap<>(categories));
        } catch (CoreError e) {
            throw new IllegalArgumentException(e.why(), e);
        }
        store(product.deepCopy());
    }

    /** {@code GET /api/products/v2/browse}: public, filtered, paged. */
    synchronized ObjectNode browse(Map<String, String> query) {
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode product : products.values()) {
            if (matches(product, query)) {
                matching.add(product.deepCopy());
            }
        }
        return Paging.page(matching, query);
    }

    synchronized List<JsonNode> of(String provider) {
        List<JsonNode> result = new ArrayList<>();
        products.forEach((key, product) -> {
            if (key.provider().equals(provider)) {
                result.add(product.deepCopy());
            }
        });
        return List.copyOf(result);
    }

    synchronized boolean hasCategory(String provider, String category) {
        return categories.containsKey(new CategoryKey(provider, category));
    }

    /** The registered product a reference ({@code {id, category, provider}}) points to, or null. */
    synchronized ObjectNode resolve(JsonNode reference) {
        if (reference == null || !reference.isObject()) {
            return null;
        }
        ObjectNode product = products.get(new ProductKey(reference.path("provider").asText(),
                reference.path("category").asText(), reference.path("id").asText()));
        return product == null ? null : product.deepCopy();
    }

    private static void checkOwnership(String callerProvider, JsonNode item) {
        ObjectNode category = Fields.requireObject(Fields.requireObject(item, "product"), "category", "product.category");
        String provider = Fields.requireText(category, "provider");
        if (!provider.equals(callerProvider)) {
            throw CoreError.forbidden("Product category '" + category.path("name").asText()
                    + "' belongs to provider '" + provider + "', not to '" + callerProvider + "'");
        }
    }

    private static void checkTerms(JsonNode item, Map<CategoryKey, CategoryTerms> known) {
        ObjectNode product = Fields.requireObject(item, "product");
        Fields.requireText(product, "name");
        ObjectNode category = Fields.requireObject(product, "category", "product.category");
        CategoryKey key = new CategoryKey(Fields.requireText(category, "provider"), Fields.requireText(category, "name"));
        CategoryTerms terms = CategoryTerms.of(category);
        CategoryTerms existing = known.putIfAbsent(key, terms);
        if (existing != null && !existing.equals(terms)) {
            throw CoreError.badRequest("Product category '" + key.name() + "' of provider '" + key.provider()
                    + "' is already registered with a different accountingUnit, accountingFrequency or freeToUse");
        }
    }

    private void store(ObjectNode product) {
        JsonNode category = product.path("category");
        CategoryKey categoryKey = new CategoryKey(category.path("provider").asText(), category.path("name").asText());
        categories.putIfAbsent(categoryKey, CategoryTerms.of(category));
        products.put(new ProductKey(categoryKey.provider(), categoryKey.name(), product.path("name").asText()), product);
    }

    private static boolean matches(JsonNode product, Map<String, String> query) {
        JsonNode category = product.path("category");
        return filter(query.get("filterProvider"), category.path("provider").asText())
                && filter(query.get("filterCategory"), category.path("name").asText())
                && filter(query.get("filterName"), product.path("name").asText())
                && filter(query.get("filterProductType"), product.path("productType").asText());
    }

    /** Core ignores empty query values. */
    private static boolean filter(String wanted, String actual) {
        return wanted == null || wanted.isEmpty() || Objects.equals(wanted, actual);
    }
}
