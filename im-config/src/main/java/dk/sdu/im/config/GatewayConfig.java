package dk.sdu.im.config;

import java.util.Objects;

/**
 * The embedded gateway, the module's only public listener (section {@code gateway}).
 *
 * @param host the interface to listen on (an address literal or host name). Default: {@code 127.0.0.1};
 *     a site exposes it (e.g. {@code 0.0.0.0}) or puts its own TLS terminator in front.
 * @param port the TCP port; 0 picks a free one (for tests). Default: 8889.
 * @param limits what one client may send and hold (subsection {@code limits}). Default: {@link GatewayLimits#DEFAULTS}.
 */
public record GatewayConfig(String host, int port, GatewayLimits limits) {
    static final Keys KEYS = Keys.of("host", "port", "limits");

    public GatewayConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(limits, "limits");
    }

    /** A gateway with the default limits. */
    public GatewayConfig(String host, int port) {
        this(host, port, GatewayLimits.DEFAULTS);
    }

    static GatewayConfig read(YamlSection yaml) throws ConfigException {
        return new GatewayConfig(yaml.string("host", "127.0.0.1"), yaml.integer("port", 8889, 0, 65535),
                GatewayLimits.read(yaml.optionalSection("limits", GatewayLimits.KEYS)));
    }
}
