package dk.sdu.im.gateway;

import java.util.Set;

/**
 * The header fields the gateway forwards, the only place where it changes a message head.
 *
 * <p>Removed: the hop-by-hop fields ({@code Connection}, {@code Keep-Alive}, {@code Proxy-Connection},
 * {@code Proxy-Authorization}, {@code TE}, {@code Upgrade}) and the received {@code X-Forwarded-For} /
 * {@code X-Forwarded-Proto}, which the gateway sets itself: from its own facts, or extending a trusted proxy's
 * ({@link Forwarded}). Fields that a client lists in
 * {@code Connection} are deliberately NOT removed (as nginx does): otherwise a client could make the
 * gateway strip {@code ucloud-username} or {@code Authorization} after routing on it.
 * {@code Transfer-Encoding} and {@code Content-Length} stay, because bodies are relayed in their
 * original framing.
 *
 * <p>Added: nothing for an HTTP/1.1 request, whose backend connection may be pooled ({@link BackendPool}),
 * {@code Connection: close} to the backend for an HTTP/1.0 one, or {@code Connection: Upgrade} with the client's {@code Upgrade} value for a WebSocket handshake; and
 * {@code Connection: close} to the client when the gateway will close after the response.
 *
 * <p>With TLS toward clients ({@code secure}): {@code X-Forwarded-Proto: https}, and {@code Strict-Transport-Security}
 * on every final response and {@code 101} in place of any the backend sent (browsers then use only HTTPS for this
 * host for two years). The gateway's own error responses carry it too ({@link ErrorResponse}).
 */
record Forwarding(boolean secure) {
    /** Two years, Mozilla's recommendation; no {@code includeSubDomains}, which would bind the site's other hosts. */
    static final String HSTS = "max-age=63072000";

    private static final Set<String> REQUEST_HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authorization", "te", "upgrade", "x-forwarded-for", "x-forwarded-proto");
    private static final Set<String> RESPONSE_HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "upgrade");
    private static final Set<String> HSTS_FIELD = Set.of("strict-transport-security");

    HeaderFields request(RequestHead request, Forwarded forwarded, boolean webSocket, boolean keepAlive) {
        HeaderFields fields = request.headers().without(REQUEST_HOP_BY_HOP);
        if (webSocket) {
            fields = fields.plus("Connection", "Upgrade").plus("Upgrade", upgradeValue(request.headers()));
        } else if (!keepAlive) {
            fields = fields.plus("Connection", "close");
        }
        return fields.plus("X-Forwarded-For", forwarded.forwardedFor()).plus("X-Forwarded-Proto", forwarded.proto());
    }

    /** A final or interim response; with chunked framing a stray {@code Content-Length} is dropped (RFC 9112 6.3). */
    HeaderFields response(ResponseHead response, Framing framing, boolean close) {
        HeaderFields fields = response.headers().without(RESPONSE_HOP_BY_HOP);
        if (framing instanceof Framing.Chunked) {
            fields = fields.without(Set.of("content-length"));
        }
        if (!response.isInterim()) {
            fields = withHsts(fields);
        }
        return close ? fields.plus("Connection", "close") : fields;
    }

    /** The backend's {@code 101 Switching Protocols}, with the upgrade fields put back. */
    HeaderFields switching(ResponseHead response) {
        return withHsts(response.headers().without(RESPONSE_HOP_BY_HOP))
                .plus("Connection", "Upgrade").plus("Upgrade", upgradeValue(response.headers()));
    }

    private HeaderFields withHsts(HeaderFields fields) {
        return secure ? fields.without(HSTS_FIELD).plus("Strict-Transport-Security", HSTS) : fields;
    }

    private static String upgradeValue(HeaderFields headers) {
        return String.join(", ", headers.values("upgrade"));
    }
}
