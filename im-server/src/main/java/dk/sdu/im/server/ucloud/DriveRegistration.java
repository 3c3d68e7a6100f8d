package dk.sdu.im.server.ucloud;

import dk.sdu.im.config.DriveLocator;
import dk.sdu.im.config.ProductCategory;
import dk.sdu.im.db.UserMapping;
import dk.sdu.im.server.identity.LocalAccount;
import java.util.ArrayList;
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
        List<Object> items = new ArrayList<>();
        for (DriveLocator locator : locators) {
            ProductCategory category = DriveLocator.storageCategory(products, locator.product());
            var root = locator.rootFor(account.name(), account.home());
            items.add(Map.of(
                    "spec", Map.of("title", locator.title(), "product",
                            Map.of("id", locator.product(), "category", category.name(), "provider", providerId)),
                    "providerGeneratedId", providerGeneratedId(locator.name(), mapping.ucloudUsername(), root),
                    "createdBy", mapping.ucloudUsername(),
                    "projectAllRead", false,
                    "projectAllWrite", false));
        }
        for (Object item : items) {
            registerOne(item);
        }
        registered.add(mapping.ucloudUsername());
        LOG.info(() -> "registered " + items.size() + " drive(s) of " + mapping.ucloudUsername() + " at UCloud");
    }

    private void registerOne(Object item) throws CoreFailure {
        try {
            core.post("/api/files/collections/control/register", Map.of("items", List.of(item)));
        } catch (CoreFailure failure) {
            if (failure.status() != 409) {
                throw failure;
            }
        }
    }
}
