package dk.sdu.im.testkit.core;

/**
 * A failure that Core reports to the caller as {@code {"statusCode":N,"why":"...","errorCode":null}}.
 * Thrown by endpoint logic and translated to a response in exactly one place ({@link CoreHttpHandler}).
 * Every {@code why} is safe to show to the caller: it never contains secrets.
 */
final class CoreError extends RuntimeException {
    private final int status;

    private CoreError(int status, String why) {
        super(why, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    String why() {
        return getMessage();
    }

    static CoreError badRequest(String why) {
        return new CoreError(400, why);
    }

    /** The exact text Core uses; providers may log it, nothing parses it. */
    static CoreError unauthorized() {
        return new CoreError(401, "Unauthorized");
    }

    static CoreError forbidden(String why) {
        return new CoreError(403, why);
    }

    static CoreError notFound(String why) {
        return new CoreError(404, why);
    }

    static CoreError methodNotAllowed() {
        return new CoreError(405, "Method not allowed");
    }

    static CoreError conflict(String why) {
        return new CoreError(409, why);
    }

    static CoreError status(int status, String why) {
        return new CoreError(status, why);
    }
}
