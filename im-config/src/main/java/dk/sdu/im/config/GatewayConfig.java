package dk.sdu.im.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The embedded gateway, the module's only public listener (section {@code gateway}).
 *
 * @param host the interface to listen on (an address literal or host name). Default: {@code 127.0.0.1};
 *     a site exposes it (e.g. {@code 0.0.0.0}) or puts its own TLS terminator in front.
 * @param port the TCP port; 0 picks a free one (for tests). Default: 8889.
 * @param trustedProxies the site's own proxies in front of the gateway (nginx, HAProxy): IP addresses and CIDR
 *     ranges, IPv4 and IPv6, in canonical form ({@link ProxyAddress}). A request from one of them keeps its
 *     {@code X-Forwarded-For} (extended by the proxy's address) and its {@code X-Forwarded-Proto}; everyone else's
 *     are replaced. Default: none.
 * @param tls the certificate and key when the gateway itself speaks HTTPS (subsection {@code tls}). Default: none,
 *     plain HTTP.
 * @param limits what one client may send and hold (subsection {@code limits}). Default: {@link GatewayLimits#DEFAULTS}.
 */
public record GatewayConfig(String host, int port, List<String> trustedProxies, Optional<GatewayTls> tls,
                            GatewayLimits limits) {
    static final Keys KEYS = Keys.of("host", "port", "trustedProxies", "tls", "limits");

    public GatewayConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(limits, "limits");
    }

    /** A plain-HTTP gateway that trusts no proxy, with the default limits. */
    public GatewayConfig(String host, int port) {
        this(host, port, List.of(), Optional.empty(), GatewayLimits.DEFAULTS);
    }

    static GatewayConfig read(YamlSection yaml, Path configDirectory) throws ConfigException {
        return new GatewayConfig(yaml.string("host", "127.0.0.1"), yaml.integer("port", 8889, 0, 65535),
                yaml.values("trustedProxies", new ProxyAddress()),
                GatewayTls.read(yaml.optionalSection("tls", GatewayTls.KEYS), configDirectory),
                GatewayLimits.read(yaml.optionalSection("limits", GatewayLimits.KEYS)));
    }
}
