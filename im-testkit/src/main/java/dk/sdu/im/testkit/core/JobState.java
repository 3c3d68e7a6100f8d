package dk.sdu.im.testkit.core;

/**
 * Core's job states (contract 4.1). FakeCore refuses a state outside this list with a 400, stricter than
 * Go (which stores any string) so that a provider inventing e.g. {@code CANCELLED} or {@code FAILED} fails
 * its tests instead of confusing the UI in production.
 */
enum JobState {
    IN_QUEUE, RUNNING, SUCCESS, FAILURE, EXPIRED, SUSPENDED;

    boolean isFinal() {
        return this == SUCCESS || this == FAILURE || this == EXPIRED;
    }

    static JobState parse(String wire) {
        try {
            return valueOf(wire);
        } catch (IllegalArgumentException e) {
            throw CoreError.badRequest("Invalid request supplied: unknown job state '" + wire + "'");
        }
    }
}
