package dk.sdu.im.server.calls;

import dk.sdu.im.api.wire.Products;
import dk.sdu.im.server.ucloud.ProductCatalogue;
import java.util.List;

/** The support lists Core polls every few seconds; computed once, since configuration never changes. */
public final class ProductsCalls {
    private final List<Products.FsSupport> storage;
    private final List<Products.JobSupport> compute;

    public ProductsCalls(ProductCatalogue catalogue) {
        this.storage = catalogue.storageSupport();
        this.compute = catalogue.computeSupport();
    }

    List<Products.FsSupport> storage() {
        return storage;
    }

    List<Products.JobSupport> compute() {
        return compute;
    }
}
