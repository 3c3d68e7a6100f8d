package dk.sdu.im.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A product category this provider sells (one entry of the {@code products} map, keyed by its name).
 *
 * @param name the category name, the key in the file; 1 to 64 of {@code [a-zA-Z0-9_-]}, not starting
 *     with {@code _} or {@code -}
 * @param type {@code compute} or {@code storage}. Required.
 * @param accountingUnit the unit usage is shown in. Required.
 * @param accountingFrequency {@code ONCE}, {@code PERIODIC_MINUTE}, {@code PERIODIC_HOUR} or
 *     {@code PERIODIC_DAY}. Required.
 * @param freeToUse whether the category needs no allocation. Default: {@code false}.
 * @param products at least one; names unique within the category
 * @param placement compute only: where its jobs run ({@code partition}, {@code qos}, {@code constraint},
 *     {@code gpuGres}); {@link Placement#DEFAULTS} for storage
 */
public record ProductCategory(String name, ProductType type, AccountingUnit accountingUnit,
                              AccountingFrequency accountingFrequency, boolean freeToUse, List<Product> products,
                              Placement placement) {
    static final Keys KEYS = Keys.of("type", "accountingUnit", "accountingFrequency", "freeToUse", "products",
            "partition", "qos", "constraint", "gpuGres");

    public ProductCategory {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(accountingUnit, "accountingUnit");
        Objects.requireNonNull(accountingFrequency, "accountingFrequency");
        Objects.requireNonNull(placement, "placement");
        products = List.copyOf(products);
        if (products.isEmpty()) {
            throw new IllegalArgumentException("a product category needs at least one product");
        }
    }

    /** Reads the top-level {@code products} map: at least one category, names from the keys. */
    static List<ProductCategory> readAll(YamlSection categories) throws ConfigException {
        if (categories.keys().isEmpty()) {
            throw categories.error("products must contain at least one product category. Add one, e.g. 'cpu:' with"
                    + " type, accountingUnit, accountingFrequency and products (see etc/config.yml).");
        }
        List<ProductCategory> result = new ArrayList<>();
        for (String name : categories.keys()) {
            if (!NamePattern.PRODUCT_NAME.matches(name)) {
                throw categories.keyError(name, categories.pathOf(name) + " is not a valid category name: it must be "
                        + NamePattern.PRODUCT_NAME.rule() + ". Rename it, e.g. 'cpu'.");
            }
            result.add(read(name, categories.section(name, KEYS)));
        }
        return result;
    }

    private static ProductCategory read(String name, YamlSection yaml) throws ConfigException {
        ProductType type = yaml.choice("type", Choices.lowerCase(ProductType.values()));
        return new ProductCategory(name, type,
                AccountingUnit.read(yaml.section("accountingUnit", AccountingUnit.KEYS)),
                yaml.choice("accountingFrequency", Choices.upperCase(AccountingFrequency.values())),
                yaml.bool("freeToUse", false),
                Product.readAll(yaml, type), placement(yaml, type));
    }

    private static Placement placement(YamlSection yaml, ProductType type) throws ConfigException {
        if (type == ProductType.COMPUTE) {
            return Placement.read(yaml);
        }
        for (String key : Placement.KEYS) {
            if (yaml.contains(key)) {
                throw yaml.keyError(key, yaml.pathOf(key) + " applies only to compute categories, but this one has type"
                        + " storage. Remove '" + key + "'.");
            }
        }
        return Placement.DEFAULTS;
    }
}
