package dk.sdu.im.server.ucloud;

import dk.sdu.im.config.DriveLocator;
import dk.sdu.im.config.ProductCategory;
import dk.sdu.im.db.UserMapping;
import dk.sdu.im.server.identity.LocalAccount;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Makes a mapped user's drives exist at UCloud (contract 4.2): one registration per configured drive locator,
 * with {@code providerGeneratedId = "<locator> <ucloud user>\n<local root>"}, the form IM/User checks its
 * drives against. UCloud answers 409 for a drive it already has, which counts as done. Remembered per
 * process, so a user is registered once per IM/Server run.
 */
public final class DriveRegistration {
    private static final Logger LOG = Logger.getLogger(DriveRegistration.class.getName());

    private final CoreClient core;
    private final String providerId;
    private final List<DriveLocator> locators;
    private final List<ProductCategory> products;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    /** UCloud's drive ids of each registered user, by locator name (what IM/User resolves job paths through). */
    private final Map<String, Map<String, String>> ids = new ConcurrentHashMap<>();

    public DriveRegistration(CoreClient core, String providerId, List<DriveLocator> locators, List<ProductCategory> products) {
        this.core = core;
        this.providerId = providerId;
        this.locators = List.copyOf(locators);
        this.products = List.copyOf(products);
    }

    /** The providerGeneratedId of a user's drive; IM/User accepts a drive only if its root is one of its own. */
    public static String providerGeneratedId(String locator, String ucloudUser, java.nio.file.Path root) {
        return locator + " " + ucloudUser + "\n" + root;
    }

    /** Registers the user's drives unless done already in this run. */
    public void ensure(UserMapping mapping, LocalAccount account) throws CoreFailure {
        if (registered.contains(mapping.ucloudUsername()) || locators.isEmpty()) {
            return;
        }
        Map<String, Object> items = new java.util.LinkedHashMap<>();
        for (DriveLocator locator : locators) {
            ProductCategory category = DriveLocator.storageCategory(products, locator.product());
            var root = locator.rootFor(account.name(), account.home());
            items.put(locator.name(), Map.of(
                    "spec", Map.of("title", locator.title(), "product",
                            Map.of("id", locator.product(), "category", category.name(), "provider", providerId)),
                    "providerGeneratedId", providerGeneratedId(locator.name(), mapping.ucloudUsername(), root),
                    "createdBy", mapping.ucloudUsername(),
                    "projectAllRead", false,
                    "projectAllWrite", false));
        }
        Map<String, String> driveIds = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Object> item : items.entrySet()) {
            registerOne(item.getValue()).ifPresent(id -> driveIds.put(item.getKey(), id));
        }
        ids.put(mapping.ucloudUsername(), Map.copyOf(driveIds));
        registered.add(mapping.ucloudUsername());
        LOG.info(() -> "registered " + items.size() + " drive(s) of " + mapping.ucloudUsername() + " at UCloud");
    }

    /** The UCloud drive ids of a user registered in this run, by locator name; empty before registration. */
    public Map<String, String> driveIds(String ucloudUser) {
        return ids.getOrDefault(ucloudUser, Map.of());
    }

    /** Registers one drive; its UCloud id, from the reply or, for a drive UCloud already has, from browsing for it. */
    private java.util.Optional<String> registerOne(Object item) throws CoreFailure {
        try {
            JsonNode reply = core.post("/api/files/collections/control/register", Map.of("items", List.of(item)));
            return text(reply.path("responses").path(0).path("id"));
        } catch (CoreFailure failure) {
            if (failure.status() != 409) {
                throw failure;
            }
        }
        @SuppressWarnings("unchecked")
        String generated = (String) ((Map<String, Object>) item).get("providerGeneratedId");
        JsonNode page = core.get("/api/files/collections/control/browse?itemsPerPage=250&filterProviderIds="
                + java.net.URLEncoder.encode(generated, java.nio.charset.StandardCharsets.UTF_8));
        for (JsonNode drive : page.path("items")) {
            if (generated.equals(drive.path("providerGeneratedId").asText())) {
                return text(drive.path("id"));
            }
        }
        LOG.warning(() -> "UCloud already has a drive " + generated.replace('\n', ' ') + " but did not list it");
        return java.util.Optional.empty();
    }

    private static java.util.Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? java.util.Optional.of(node.asText()) : java.util.Optional.empty();
    }
}
