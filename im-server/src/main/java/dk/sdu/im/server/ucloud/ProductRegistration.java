package dk.sdu.im.server.ucloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.wire.Products;
import dk.sdu.im.config.ProductCategory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Registers the configured products with UCloud at start-up (contract 4.5): reads what UCloud has, refuses
 * if a category's accounting unit, frequency or free-to-use flag would change (UCloud forbids it, and the
 * site must decide), then creates or updates the products. Runs on its own thread, retrying with backoff
 * while UCloud is unreachable; a refusal is fatal and reported to {@code fatal}.
 */
public final class ProductRegistration implements Runnable {
    private static final Logger LOG = Logger.getLogger(ProductRegistration.class.getName());
    private static final int PAGE = 250;
    /** What UCloud never lets change in a registered category. */
    private static final List<String> IMMUTABLE = List.of("/accountingUnit/name", "/accountingUnit/namePlural",
            "/accountingUnit/floatingPoint", "/accountingUnit/displayFrequencySuffix", "/accountingFrequency", "/freeToUse");

    private final CoreClient core;
    private final ObjectMapper mapper;
    private final String providerId;
    private final ProductCatalogue catalogue;
    private final Backoff backoff;
    private final Consumer<String> fatal;

    public ProductRegistration(CoreClient core, ObjectMapper mapper, String providerId, ProductCatalogue catalogue,
                               Backoff backoff, Consumer<String> fatal) {
        this.core = core;
        this.mapper = mapper;
        this.providerId = providerId;
        this.catalogue = catalogue;
        this.backoff = backoff;
        this.fatal = fatal;
    }

    @Override
    public void run() {
        for (int failures = 1; !Thread.currentThread().isInterrupted(); failures++) {
            try {
                registerOnce();
                LOG.info(() -> "registered " + catalogue.products().size() + " products with UCloud");
                return;
            } catch (CategoryMismatch mismatch) {
                fatal.accept(mismatch.getMessage());
                return;
            } catch (CoreFailure failure) {
                if (!failure.retryable()) {
                    fatal.accept("UCloud refused the product registration: " + failure.getMessage());
                    return;
                }
                var delay = backoff.delayAfter(failures);
                LOG.warning(failure.getMessage() + "; retrying product registration in " + delay.toMillis() + " ms");
                if (!sleep(delay.toMillis())) {
                    return;
                }
            }
        }
    }

    void registerOnce() throws CoreFailure, CategoryMismatch {
        List<JsonNode> existing = existingProducts();
        for (ProductCategory category : catalogue.categories()) {
            checkUnchanged(catalogue.category(category), existing);
        }
        core.post("/api/products/v2", Map.of("items", catalogue.products()));
    }

    private List<JsonNode> existingProducts() throws CoreFailure {
        List<JsonNode> products = new ArrayList<>();
        String next = null;
        do {
            String query = "?itemsPerPage=" + PAGE + "&filterProvider=" + encode(providerId)
                    + (next == null ? "" : "&next=" + encode(next));
            JsonNode page = core.get("/api/products/v2/browse" + query);
            page.path("items").forEach(products::add);
            next = page.path("next").isTextual() ? page.get("next").asText() : null;
        } while (next != null);
        return products;
    }

    private void checkUnchanged(Products.Category wanted, List<JsonNode> existing) throws CategoryMismatch {
        JsonNode wantedJson = mapper.valueToTree(wanted);
        for (JsonNode product : existing) {
            JsonNode have = product.path("category");
            if (!have.path("name").asText().equals(wanted.name()) || !have.path("provider").asText().equals(providerId)) {
                continue;
            }
            for (String field : IMMUTABLE) {
                if (!have.at(field).equals(wantedJson.at(field))) {
                    throw new CategoryMismatch("product category '" + wanted.name() + "' is registered at UCloud with "
                            + field.substring(1).replace('/', '.') + " " + have.at(field) + " but config.yml says "
                            + wantedJson.at(field)
                            + ". UCloud does not allow this to change: restore the registered value in config.yml,"
                            + " or use a new category name");
                }
            }
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A registered category differs from the configured one. */
    static final class CategoryMismatch extends Exception {
        CategoryMismatch(String message) {
            super(message);
        }
    }
}
