package dk.sdu.im.compute.backend;

/** JobSupport's {@code queueStatus} (contract 3.1). */
public enum QueueStatus { AVAILABLE, BUSY, FULL }
