package dk.sdu.im.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The public listener (section {@code gateway}): the embedded gateway alone, or HAProxy in front of it.
 *
 * @param host the interface the embedded gateway listens on (an address literal or host name). Default:
 *     {@code 127.0.0.1}; with type embedded a site exposes it (e.g. {@code 0.0.0.0}) or puts its own TLS terminator
 *     in front; with type haproxy it must be a loopback address (HAProxy is then the public listener).
 * @param port the embedded gateway's TCP port; 0 picks a free one (for tests). Default: 8889.
 * @param trustedProxies the site's own proxies in front of the gateway (nginx, HAProxy): IP addresses and CIDR
 *     ranges, IPv4 and IPv6, in canonical form ({@link ProxyAddress}). A request from one of them keeps its
 *     {@code X-Forwarded-For} (extended by the proxy's address) and its {@code X-Forwarded-Proto}; everyone else's
 *     are replaced. Default: none.
 * @param tls the certificate and key when the embedded gateway itself speaks HTTPS (subsection {@code tls}); only
 *     with type embedded (HAProxy holds the certificate otherwise). Default: none, plain HTTP.
 * @param limits what one client may send and hold (subsection {@code limits}). Default: {@link GatewayLimits#DEFAULTS}.
 * @param type {@code embedded} (the default: the embedded gateway is the public listener) or {@code haproxy}
 *     (HAProxy is, and routes each user call whose instance is up straight to it; everything else, cold starts
 *     included, goes to the embedded gateway on loopback)
 * @param haproxy section {@code haproxy}; only read with type haproxy (defaults otherwise)
 */
public record GatewayConfig(String host, int port, List<String> trustedProxies, Optional<GatewayTls> tls,
                            GatewayLimits limits, Type type, HaproxyConfig haproxy) {
    static final Keys KEYS = Keys.of("host", "port", "trustedProxies", "tls", "limits", "type", "haproxy");
    /** server.stateDir's default, for the map file's default in {@link #GatewayConfig(String, int)}. */
    private static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/ucloud-im");

    /** What listens publicly. */
    public enum Type { EMBEDDED, HAPROXY }

    public GatewayConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(haproxy, "haproxy");
        if (type == Type.HAPROXY && !LoopbackHost.isLoopback(host)) {
            throw new IllegalArgumentException("with type haproxy, host must be a loopback address, not " + host);
        }
        if (type == Type.HAPROXY && tls.isPresent()) {
            throw new IllegalArgumentException("with type haproxy, HAProxy holds the certificate, not the gateway");
        }
    }

    /** A plain-HTTP embedded gateway on {@code host:port} that trusts no proxy, with the default limits. */
    public GatewayConfig(String host, int port) {
        this(host, port, List.of(), Optional.empty(), GatewayLimits.DEFAULTS, Type.EMBEDDED,
                HaproxyConfig.defaults(DEFAULT_STATE_DIR));
    }

    static GatewayConfig read(YamlSection yaml, Path configDirectory, Path stateDir) throws ConfigException {
        Type type = yaml.choice("type", Choices.lowerCase(Type.values()), Type.EMBEDDED);
        String host = yaml.string("host", "127.0.0.1");
        int port = yaml.integer("port", 8889, 0, 65535);
        List<String> trustedProxies = yaml.values("trustedProxies", new ProxyAddress());
        Optional<GatewayTls> tls = GatewayTls.read(yaml.optionalSection("tls", GatewayTls.KEYS), configDirectory);
        GatewayLimits limits = GatewayLimits.read(yaml.optionalSection("limits", GatewayLimits.KEYS));
        if (type == Type.EMBEDDED) {
            if (yaml.contains("haproxy")) {
                throw yaml.keyError("haproxy", yaml.pathOf("haproxy") + " applies only to type haproxy."
                        + " Remove it, or set " + yaml.pathOf("type") + ": haproxy.");
            }
            return new GatewayConfig(host, port, trustedProxies, tls, limits, type, HaproxyConfig.defaults(stateDir));
        }
        if (!LoopbackHost.isLoopback(host)) {
            throw yaml.valueError("host", yaml.pathOf("host") + " must be a loopback address (127.0.0.0/8, ::1 or"
                    + " localhost) with type haproxy, but is " + host + ". HAProxy is the public"
                    + " listener and sends what it does not route itself to the embedded gateway; use 127.0.0.1.");
        }
        if (tls.isPresent()) {
            throw yaml.keyError("tls", yaml.pathOf("tls") + " applies only to type embedded: with type haproxy,"
                    + " HAProxy holds the certificate (gateway.haproxy.certificate). Remove it.");
        }
        return new GatewayConfig(host, port, trustedProxies, tls, limits, type,
                HaproxyConfig.read(yaml.optionalSection("haproxy", HaproxyConfig.KEYS), configDirectory, stateDir));
    }
}
