package dk.sdu.im.gateway;

/**
 * A cold start that IM/Server refuses on purpose, e.g. 403 for a UCloud user who is not mapped to a
 * local account. The gateway answers the held request with {@link #status()} and {@link #why()}.
 *
 * <p>{@code why} is sent to UCloud, which shows it to the user: it must be safe to show (no paths,
 * uids or internal details).
 */
public final class ColdStartRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String why;

    /**
     * @param status an HTTP error status, 400 to 599
     * @param why the message for the user, not blank
     */
    public ColdStartRefused(int status, String why) {
        super(status + " " + why);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 400 to 599: " + status);
        }
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("why must not be blank");
        }
        this.status = status;
        this.why = why;
    }

    public int status() {
        return status;
    }

    public String why() {
        return why;
    }
}
