package dk.sdu.im.testkit.core;

/**
 * One entry of the routing table: who may call it and what runs.
 *
 * @param method   GET or POST
 * @param path     the exact path
 * @param access   whether a provider access token is required
 * @param endpoint the logic; a POST route receives the parsed body (malformed JSON is a 400 before it)
 */
record Route(String method, String path, Access access, Endpoint endpoint) {
    enum Access {
        /** No token: the refresh call and the public product catalogue. */
        PUBLIC,
        /** A provider access token from {@code /auth/providers/refresh}. */
        PROVIDER
    }

    boolean takesBody() {
        return method.equals("POST");
    }
}
