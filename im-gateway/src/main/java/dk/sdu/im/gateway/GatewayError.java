package dk.sdu.im.gateway;

/**
 * A request the gateway answers itself, with {@code status} and {@code why} in UCloud's error format
 * (provider API 1.4). {@code why} reaches UCloud's users, so it is always a fixed, safe text; details
 * belong in the log.
 */
final class GatewayError extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String why;

    GatewayError(int status, String why) {
        super(status + " " + why, null, false, false);
        this.status = status;
        this.why = why;
    }

    static GatewayError badRequest(String why) {
        return new GatewayError(400, why);
    }

    static GatewayError of(BadHead request) {
        return switch (request.kind()) {
            case TOO_LARGE -> new GatewayError(431, "The request's header is too large");
            case TOO_MANY_FIELDS -> new GatewayError(431, "The request has too many header fields");
            case LINE_TOO_LONG -> new GatewayError(414, "The request line is too long");
            case MALFORMED -> badRequest("The request is malformed");
            case UNSUPPORTED_VERSION -> new GatewayError(505, "Only HTTP/1.1 and HTTP/1.0 are supported");
        };
    }

    /** A request head that did not arrive whole within the head timeout ({@link ClientLimits#headTimeout()}). */
    static GatewayError headTimedOut() {
        return new GatewayError(408, "The request's header did not arrive in time");
    }

    int status() {
        return status;
    }

    String why() {
        return why;
    }
}
