package dk.sdu.im.config;

/** How often usage of a product category is charged (UCloud's {@code accountingFrequency}). */
public enum AccountingFrequency {
    /** Charged once, e.g. a storage quota. */
    ONCE,
    PERIODIC_MINUTE,
    PERIODIC_HOUR,
    PERIODIC_DAY
}
