package dk.sdu.im.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One product of a category (an item of the category's {@code products} list).
 *
 * @param name unique within its category; 1 to 64 of {@code [a-zA-Z0-9_-]}, not starting with {@code _}
 *     or {@code -}. Required.
 * @param description shown in UCloud. Default: empty.
 * @param price price per accounting unit and period; at least 0. Default: 1.
 * @param cpu compute only (0 for storage): virtual CPUs; at least 1. Default: 1.
 * @param memoryInGigs compute only (0 for storage): memory in GiB; at least 0. Default: 1.
 * @param gpu compute only (0 for storage): GPUs; at least 0. Default: 0.
 */
public record Product(String name, String description, long price, int cpu, int memoryInGigs, int gpu) {
    static final Keys KEYS = Keys.of("name", "description", "price", "cpu", "memoryInGigs", "gpu");
    private static final List<String> COMPUTE_ONLY = List.of("cpu", "memoryInGigs", "gpu");

    public Product {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (price < 0 || cpu < 0 || memoryInGigs < 0 || gpu < 0) {
            throw new IllegalArgumentException("price, cpu, memoryInGigs and gpu must not be negative");
        }
    }

    /** Reads the category's {@code products} list: at least one product, names unique. */
    static List<Product> readAll(YamlSection category, ProductType type) throws ConfigException {
        List<Product> products = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (YamlSection item : category.list("products", KEYS)) {
            Product product = read(item, type);
            String first = seen.putIfAbsent(product.name(), item.path());
            if (first != null) {
                throw item.valueError("name", item.pathOf("name") + " '" + product.name() + "' is already used by "
                        + first + ". Product names must be unique within a category; rename one of them.");
            }
            products.add(product);
        }
        return products;
    }

    private static Product read(YamlSection item, ProductType type) throws ConfigException {
        if (type == ProductType.STORAGE) {
            rejectComputeKeys(item);
        }
        String name = item.value("name", NamePattern.PRODUCT_NAME);
        String description = item.string("description", "");
        long price = item.longInteger("price", 1, 0, Long.MAX_VALUE);
        return switch (type) {
            case STORAGE -> new Product(name, description, price, 0, 0, 0);
            case COMPUTE -> new Product(name, description, price, item.integer("cpu", 1, 1, Integer.MAX_VALUE),
                    item.integer("memoryInGigs", 1, 0, Integer.MAX_VALUE), item.integer("gpu", 0, 0, Integer.MAX_VALUE));
        };
    }

    private static void rejectComputeKeys(YamlSection item) throws ConfigException {
        for (String key : COMPUTE_ONLY) {
            if (item.contains(key)) {
                throw item.keyError(key, item.pathOf(key) + " applies only to compute products, but this category has"
                        + " type storage. Remove '" + key + "' (storage products have no cpu, memoryInGigs or gpu).");
            }
        }
    }
}
