package dk.sdu.im.compute.backend;

/** UCloud's JobState (provider API notes 4.1, 5.4). */
public enum UcloudJobState {
    IN_QUEUE, RUNNING, CANCELING, SUCCESS, FAILURE, EXPIRED, SUSPENDED;

    /** Final states: after one, Core ignores further updates. */
    public boolean isFinal() {
        return this == SUCCESS || this == FAILURE || this == EXPIRED;
    }
}
