package dk.sdu.im.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The embedded gateway, the module's only public listener (section {@code gateway}).
 *
 * @param host the interface to listen on (an address literal or host name). Default: {@code 127.0.0.1};
 *     a site exposes it (e.g. {@code 0.0.0.0}) or puts its own TLS terminator in front.
 * @param port the TCP port; 0 picks a free one (for tests). Default: 8889.
 * @param tls the certificate and key when the gateway itself speaks HTTPS (subsection {@code tls}). Default: none,
 *     plain HTTP.
 */
public record GatewayConfig(String host, int port, Optional<GatewayTls> tls) {
    static final Keys KEYS = Keys.of("host", "port", "tls");

    public GatewayConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(tls, "tls");
    }

    /** A plain-HTTP gateway. */
    public GatewayConfig(String host, int port) {
        this(host, port, Optional.empty());
    }

    static GatewayConfig read(YamlSection yaml, Path configDirectory) throws ConfigException {
        return new GatewayConfig(yaml.string("host", "127.0.0.1"), yaml.integer("port", 8889, 0, 65535),
                GatewayTls.read(yaml.optionalSection("tls", GatewayTls.KEYS), configDirectory));
    }
}
