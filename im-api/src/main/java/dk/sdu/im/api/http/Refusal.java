package dk.sdu.im.api.http;

import dk.sdu.im.api.ApiException;
import java.util.Map;

/**
 * A request this server will not switch or serve: answered with an HTTP status, a JSON error body and
 * {@code Connection: close}. {@code why} is sent to the client, so it names only what the client sent.
 */
final class Refusal extends Exception {
    private final int status;
    private final String why;
    private final String errorCode;
    private final Map<String, String> headers;

    private Refusal(int status, String why, String errorCode, Map<String, String> headers) {
        super(status + " " + why, null, false, false);
        this.status = status;
        this.why = why;
        this.errorCode = errorCode;
        this.headers = Map.copyOf(headers);
    }

    static Refusal badRequest(String why) {
        return new Refusal(400, why, null, Map.of());
    }

    static Refusal notImplemented(String why) {
        return new Refusal(501, why, null, Map.of());
    }

    static Refusal notFound(String path) {
        return new Refusal(404, "Nothing is served at " + path + " on this listener", null, Map.of());
    }

    /** RFC 6455 4.2.2: a version this server does not speak is answered with the one it does. */
    static Refusal unsupportedVersion() {
        return new Refusal(426, "Only WebSocket version 13 is supported", null, Map.of("Sec-WebSocket-Version", "13"));
    }

    static Refusal headTooLarge(int limit) {
        return new Refusal(431, "The request head is larger than " + limit + " bytes", null, Map.of());
    }

    static Refusal tooSlow() {
        return new Refusal(408, "The request head did not arrive in time", null, Map.of());
    }

    static Refusal internalError() {
        return new Refusal(500, "Internal error", null, Map.of());
    }

    /** The endpoint's own refusal; a status that is not an error (a programming mistake) becomes 500. */
    static Refusal of(ApiException refused) {
        if (refused.status() < 400 || refused.status() > 599) {
            return internalError();
        }
        return new Refusal(refused.status(), refused.why(), refused.errorCode(), Map.of());
    }

    int status() {
        return status;
    }

    String why() {
        return why;
    }

    String errorCode() {
        return errorCode;
    }

    /** Extra header fields of the reply. */
    Map<String, String> headers() {
        return headers;
    }
}
