package dk.sdu.im.api;

/**
 * The one error type a handler throws; the RPC layer turns it into {@code {statusCode, why, errorCode}}
 * (contract 1.4). {@code why} is always safe to show to the user (Core passes it through to the UI);
 * anything else worth knowing goes in {@code logDetail}, which only reaches the log.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String why;
    private final String errorCode;

    private ApiException(int status, String why, String errorCode, String logDetail, Throwable cause) {
        super(logDetail == null ? why : why + " (" + logDetail + ")", cause);
        this.status = status;
        this.why = why;
        this.errorCode = errorCode;
    }

    public static ApiException of(int status, String why, String errorCode) {
        return new ApiException(status, why, errorCode, null, null);
    }

    public static ApiException badRequest(String why) {
        return of(400, why, null);
    }

    public static ApiException unauthorized(String logDetail) {
        return new ApiException(401, "Unauthorized", null, logDetail, null);
    }

    public static ApiException forbidden(String why) {
        return of(403, why, null);
    }

    public static ApiException notFound(String why) {
        return of(404, why, null);
    }

    public static ApiException tooLarge(String why) {
        return of(413, why, null);
    }

    public static ApiException unavailable(String why, Throwable cause) {
        return new ApiException(503, why, null, cause == null ? null : String.valueOf(cause), cause);
    }

    public int status() {
        return status;
    }

    public String why() {
        return why;
    }

    public String errorCode() {
        return errorCode;
    }
}
