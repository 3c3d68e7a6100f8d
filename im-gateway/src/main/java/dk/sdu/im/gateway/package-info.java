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
