/**
 * The embedded gateway: the integration module's only public listener, an HTTP/1.1 reverse proxy that
 * routes every request by UCloud username (DESIGN 2 and 3).
 *
 * <p><b>Where a request goes.</b> The user is the {@code ucloud-username} header (standard base64 of the
 * UTF-8 username) or, when that header is absent, the {@code usernameHint} query parameter (base64url or
 * standard base64). A request without a user goes to IM/Server (the system backend), and so does
 * {@code POST /ucloud/<id>/integration/init} whatever headers it carries. A request for a user with a
 * route goes to {@code 127.0.0.1:<port>}; for a user without one the gateway asks IM/Server for a cold
 * start ({@link dk.sdu.im.gateway.ColdStart}) and holds the request, unread, until the instance runs.
 *
 * <p><b>Trust.</b> Runs inside IM/Server as the service user. Everything it reads from a client is
 * untrusted bytes: heads are parsed strictly and bounded, bodies are streamed and never buffered whole.
 * The gateway only routes; it does not verify tokens. That is safe because every backend verifies the
 * JWT of every request itself and checks that the user context matches the routing header (DESIGN 4.3,
 * 4.4), and because a route is installed only by IM/Server after the instance proved who it is
 * (DESIGN 4.5). The gateway forwards method, target, headers and body unchanged, apart from
 * hop-by-hop fields and the {@code X-Forwarded-For}/{@code X-Forwarded-Proto} fields it sets: its own facts, or, from
 * one of the site's {@link dk.sdu.im.gateway.TrustedProxies}, the proxy's chain extended by the proxy's address.
 *
 * <p><b>Refusals (RFC 9112 6 and 11).</b> A request whose framing or syntax a backend might read differently is
 * answered 400 and the connection closed, before any backend is connected: both {@code Content-Length} and
 * {@code Transfer-Encoding}, a repeated or malformed {@code Content-Length}, a {@code Transfer-Encoding} other than
 * exactly {@code chunked} or in HTTP/1.0 ({@link dk.sdu.im.gateway.Framing}), obs-fold, a bare CR or LF, a field
 * name with whitespace or a control character, a control character in a value, a target not in origin form
 * ({@code *} for OPTIONS only), a request line that is not {@code method SP target SP HTTP/1.x}
 * ({@link dk.sdu.im.gateway.RequestLine}, checked as soon as it arrives), and a malformed first chunk-size line.
 * A malformed chunk later in a body ends the backend connection short of the body's end.
 *
 * <p><b>Limits.</b> Per client ({@link dk.sdu.im.gateway.ClientLimits}): header field count (431), request-line
 * length (414), head size (431), the time a whole head may take (408: slowloris), the keep-alive wait between
 * requests, connections per client address (more are closed at once, so one address cannot starve the others), and
 * in total {@code maxConnections}. Tunnels close when idle, or when a write in one direction moves nothing for the
 * idle time ({@link dk.sdu.im.gateway.IdleWatch}); frame sizes, pings and write timeouts are the WebSocket
 * endpoints' own, since a tunnel does not parse frames.
 *
 * <p><b>Connections.</b> One virtual thread per client connection, blocking sockets. Client connections
 * are kept alive; each request on them is routed on its own. Backend connections are pooled per destination
 * and port ({@link dk.sdu.im.gateway.BackendPool}): a connection opened for one user's instance only ever
 * carries that user's later requests, so no request can reach the backend of another user's. A WebSocket upgrade answered with {@code 101} becomes a tunnel that splices the two sockets;
 * route changes never touch open tunnels.
 *
 * <p><b>TLS.</b> Started with {@link dk.sdu.im.gateway.TlsFiles}, the gateway speaks HTTPS to its clients with the
 * JDK's TLS ({@code TlsChoices}: TLS 1.3 and 1.2, Mozilla's intermediate suites, ALPN {@code http/1.1}), adds
 * {@code Strict-Transport-Security} to every reply, and serves a renewed certificate to new connections once its
 * files change ({@code TlsTransport}); a file that fails its checks is reported as a
 * {@link dk.sdu.im.gateway.CertificateRefused}. Backends are always plain loopback HTTP. Bulk bytes go through the
 * sockets' channels between plain sockets and through the streams when the client speaks TLS.
 *
 * <p>Public API: {@link dk.sdu.im.gateway.EmbeddedGateway}, {@link dk.sdu.im.gateway.Routes},
 * {@link dk.sdu.im.gateway.ColdStart}, {@link dk.sdu.im.gateway.ColdStartRefused},
 * {@link dk.sdu.im.gateway.RouteKey}, {@link dk.sdu.im.gateway.TrustedProxies}, {@link dk.sdu.im.gateway.TlsFiles} and
 * {@link dk.sdu.im.gateway.CertificateRefused}. Everything else is package-private. Depends on {@code java.base}
 * only.
 */
package dk.sdu.im.gateway;
