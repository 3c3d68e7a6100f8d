package dk.sdu.im.server.ucloud;

/**
 * A callback to UCloud did not succeed. {@code retryable} failures (unreachable, timeouts, 5xx, 401 on a
 * stale token, 429) may succeed later; others (4xx) are answers that retrying will not change.
 */
public final class CoreFailure extends Exception {
    private final int status;

    public CoreFailure(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, or 0 when UCloud could not be reached at all. */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return status == 0 || status == 401 || status == 408 || status == 429 || status >= 500;
    }
}
