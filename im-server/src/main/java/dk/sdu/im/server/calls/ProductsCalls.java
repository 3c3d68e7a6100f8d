package dk.sdu.im.server.calls;

import dk.sdu.im.api.wire.Products;
import dk.sdu.im.server.ucloud.ProductCatalogue;
import java.util.List;

/**
 * The support lists Core polls every few seconds: storage computed once, since configuration never changes; compute
 * with the queue status the job monitor last saw.
 */
public final class ProductsCalls {
    private final List<Products.FsSupport> storage;
    private final ProductCatalogue catalogue;
    private final java.util.function.Function<String, String> queueStatus;

    /** @param queueStatus a compute category's queue status by name, or null when not known */
    public ProductsCalls(ProductCatalogue catalogue, java.util.function.Function<String, String> queueStatus) {
        this.storage = catalogue.storageSupport();
        this.catalogue = catalogue;
        this.queueStatus = queueStatus;
    }

    List<Products.FsSupport> storage() {
        return storage;
    }

    List<Products.JobSupport> compute() {
        return catalogue.computeSupport(queueStatus);
    }
}
