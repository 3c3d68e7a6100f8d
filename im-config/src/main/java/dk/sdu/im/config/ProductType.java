package dk.sdu.im.config;

/** What a product category sells; written in lower case in the file ({@code compute}, {@code storage}). */
public enum ProductType {
    /** Jobs: products have cpu, memoryInGigs and gpu. */
    COMPUTE,
    /** Drives: products have none of cpu, memoryInGigs and gpu. */
    STORAGE
}
