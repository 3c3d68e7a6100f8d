package dk.sdu.im.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One kind of drive every mapped user gets (section {@code drives}, one entry per name): which storage product
 * it is, its title in UCloud, and where it is on this machine. Drives are registered at UCloud when a user is
 * connected or first seen; user instances serve only the drives their own user resolves to.
 *
 * @param name the entry's key, e.g. {@code home}
 * @param product a storage product name from {@code products}
 * @param title the drive's title in UCloud. Default: the name with a capital first letter.
 * @param path the local root; absolute, with {@code {home}} (the account's home directory) or
 *     {@code {localUsername}} standing for the user. Default: {@code {home}}.
 */
public record DriveLocator(String name, String product, String title, String path) {
    static final Keys KEYS = Keys.of("product", "title", "path");

    public DriveLocator {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(title, "title");
        if (!path.startsWith("/") && !path.startsWith("{home}")) {
            throw new IllegalArgumentException("path must be absolute: " + path);
        }
        if (!path.contains("{home}") && !path.contains("{localUsername}")) {
            throw new IllegalArgumentException("path must name the user with {home} or {localUsername}: " + path);
        }
    }

    /** The drive's root for one user, e.g. {@code /home/alice}. */
    public Path rootFor(String localUsername, Path home) {
        return Path.of(path.replace("{home}", home.toString()).replace("{localUsername}", localUsername)).normalize();
    }

    static List<DriveLocator> readAll(YamlSection drives, List<ProductCategory> products) throws ConfigException {
        if (drives.keys().isEmpty()) {
            return defaults(products);
        }
        List<DriveLocator> locators = new java.util.ArrayList<>();
        for (String name : drives.keys()) {
            YamlSection yaml = drives.section(name, KEYS);
            String product = yaml.string("product");
            if (storageCategory(products, product) == null) {
                throw yaml.valueError("product", "drives." + name + ".product '" + product + "' is not a storage product in"
                        + " 'products'. Use the name of a product whose category has type: storage");
            }
            String path = yaml.string("path", "{home}");
            if ((!path.startsWith("/") && !path.startsWith("{home}"))
                    || (!path.contains("{home}") && !path.contains("{localUsername}"))) {
                throw yaml.valueError("path", "drives." + name + ".path must be absolute and contain {home} or"
                        + " {localUsername}, e.g. /home/{localUsername}");
            }
            locators.add(new DriveLocator(name, product, yaml.string("title", capitalised(name)), path));
        }
        return List.copyOf(locators);
    }

    /** The storage category a product belongs to, or null. */
    public static ProductCategory storageCategory(List<ProductCategory> products, String product) {
        for (ProductCategory category : products) {
            if (category.type() == ProductType.STORAGE && category.products().stream().anyMatch(p -> p.name().equals(product))) {
                return category;
            }
        }
        return null;
    }

    /** Without a {@code drives} section: a "Home" drive at the home directory, as the first storage product. */
    private static List<DriveLocator> defaults(List<ProductCategory> products) {
        for (ProductCategory category : products) {
            if (category.type() == ProductType.STORAGE) {
                return List.of(new DriveLocator("home", category.products().getFirst().name(), "Home", "{home}"));
            }
        }
        return List.of();
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
