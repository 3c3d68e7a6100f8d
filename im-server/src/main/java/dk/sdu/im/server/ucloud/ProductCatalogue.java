package dk.sdu.im.server.ucloud;

import dk.sdu.im.api.wire.Products;
import dk.sdu.im.api.wire.Products.BackendSupport;
import dk.sdu.im.api.wire.Products.ProductReference;
import dk.sdu.im.api.wire.Products.ProductV2;
import dk.sdu.im.config.Product;
import dk.sdu.im.config.ProductCategory;
import dk.sdu.im.config.ProductType;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured products as UCloud sees them: ProductV2 for registration (contract 4.5) and the support
 * objects Core polls (3.1). Support advertises exactly what this build implements: see {@link #fileSupport}
 * and {@link #jobSupport}, which later features extend.
 */
public final class ProductCatalogue {
    private final String providerId;
    private final List<ProductCategory> categories;
    private final boolean jobs;

    /** @param jobs whether a compute backend runs jobs ({@code compute.backend} other than none) */
    public ProductCatalogue(String providerId, List<ProductCategory> categories, boolean jobs) {
        this.providerId = providerId;
        this.categories = List.copyOf(categories);
        this.jobs = jobs;
    }

    public List<ProductCategory> categories() {
        return categories;
    }

    public List<ProductV2> products() {
        List<ProductV2> products = new ArrayList<>();
        for (ProductCategory category : categories) {
            for (Product product : category.products()) {
                products.add(productV2(category, product));
            }
        }
        return products;
    }

    public List<Products.FsSupport> storageSupport() {
        return references(ProductType.STORAGE).stream()
                .map(ref -> new Products.FsSupport(ref, fileStats(), collectionSupport(), fileSupport()))
                .toList();
    }

    /** @param queueStatus the queue status of a category by name ({@code AVAILABLE}, {@code BUSY}, {@code FULL}), or null */
    public List<Products.JobSupport> computeSupport(java.util.function.Function<String, String> queueStatus) {
        return references(ProductType.COMPUTE).stream()
                .map(ref -> new Products.JobSupport(ref, BackendSupport.none(), BackendSupport.none(), jobSupport(),
                        jobs ? queueStatus.apply(ref.category()) : null))
                .toList();
    }

    /** The UCloud category of a configured one, for comparison with what UCloud already has. */
    public Products.Category category(ProductCategory category) {
        var unit = category.accountingUnit();
        return new Products.Category(category.name(), providerId, upper(category.type()),
                new Products.AccountingUnit(unit.name(), unit.namePlural(), unit.floatingPoint(), unit.displayFrequencySuffix()),
                category.accountingFrequency().name(), category.freeToUse(), true);
    }

    private ProductV2 productV2(ProductCategory category, Product product) {
        boolean compute = category.type() == ProductType.COMPUTE;
        return new ProductV2(upper(category.type()).toLowerCase(java.util.Locale.ROOT), upper(category.type()),
                product.name(), product.description(), category(category), product.price(),
                new Products.Fraction(1, 1), false, null,
                compute ? product.cpu() : null, compute ? product.memoryInGigs() : null, compute ? product.gpu() : null,
                0, 0, 0);
    }

    private List<ProductReference> references(ProductType type) {
        List<ProductReference> references = new ArrayList<>();
        for (ProductCategory category : categories) {
            if (category.type() == type) {
                category.products().forEach(p -> references.add(new ProductReference(p.name(), category.name(), providerId)));
            }
        }
        return references;
    }

    private static String upper(ProductType type) {
        return type.name();
    }

    /** File statistics IM/User's listing fills in: sizes, times, unix mode, owner and group. */
    private static Products.FsStats fileStats() {
        return new Products.FsStats(true, false, false, true, true, true, true, true, true);
    }

    /** Drives are registered by the provider; users cannot create, delete or rename them. */
    private static Products.CollectionSupport collectionSupport() {
        return new Products.CollectionSupport(false, false, false, false);
    }

    /**
     * IM/User lists, creates, moves, copies, trashes, deletes and searches over WebSocket (streamingSearch; Core
     * does not call the plain search); shares and ACLs are not served.
     */
    private static Products.FileSupport fileSupport() {
        return new Products.FileSupport(false, true, false, false, true, false, false);
    }

    /**
     * Jobs run on the native backend, with their output followed (logs). No terminal and no time extension: neither
     * is implemented, so Core must not offer them. Without a compute backend nothing is enabled.
     */
    private BackendSupport jobSupport() {
        return jobs ? new BackendSupport(true, null, null, true, false, null, false) : BackendSupport.disabled();
    }
}
