package dk.sdu.im.api.wire;

import java.util.List;

/** Products (contract 4.5) and the support objects Core polls (contract 3.1). */
public final class Products {
    private Products() {
    }

    public record ProductReference(String id, String category, String provider) {
    }

    public record AccountingUnit(String name, String namePlural, boolean floatingPoint, boolean displayFrequencySuffix) {
    }

    public record Category(String name, String provider, String productType, AccountingUnit accountingUnit,
                           String accountingFrequency, boolean freeToUse, boolean allowSubAllocations) {
    }

    public record Fraction(long numerator, long denominator) {
    }

    /** ProductV2; {@code cpu}, {@code memoryInGigs} and {@code gpu} are only meaningful for compute. */
    public record ProductV2(String type, String productType, String name, String description, Category category,
                            long price, Fraction fraction, boolean hiddenInGrantApplications, Object usage,
                            Integer cpu, Integer memoryInGigs, Integer gpu, long balance, long maxUsableBalance,
                            long pricePerUnit) {
    }

    /** FSSupport: one per storage product. */
    public record FsSupport(ProductReference product, FsStats stats, CollectionSupport collection, FileSupport files) {
    }

    public record FsStats(boolean sizeInBytes, boolean sizeIncludingChildrenInBytes, boolean visualization,
                          boolean modifiedAt, boolean createdAt, boolean accessedAt, boolean unixPermissions,
                          boolean unixOwner, boolean unixGroup) {
    }

    public record CollectionSupport(boolean aclModifiable, boolean usersCanCreate, boolean usersCanDelete,
                                    boolean usersCanRename) {
    }

    public record FileSupport(boolean aclModifiable, boolean trashSupported, boolean isReadOnly, boolean searchSupported,
                              boolean streamingSearchSupported, boolean sharesSupported, boolean openInTerminal) {
    }

    /** JobSupport: one per compute product; each backend object holds optional boolean feature flags. */
    public record JobSupport(ProductReference product, BackendSupport docker, BackendSupport virtualMachine,
                             @com.fasterxml.jackson.annotation.JsonProperty("native") BackendSupport nativeSupport,
                             String queueStatus) {
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record BackendSupport(Boolean enabled, Boolean web, Boolean vnc, Boolean logs, Boolean terminal,
                                 Boolean peers, Boolean timeExtension) {
        public static BackendSupport none() {
            return new BackendSupport(null, null, null, null, null, null, null);
        }

        public static BackendSupport disabled() {
            return new BackendSupport(false, null, null, null, null, null, null);
        }
    }
}
