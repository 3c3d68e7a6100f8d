package dk.sdu.im.config;

import java.util.Objects;
import java.util.Optional;

/**
 * IM/Server's metrics and health listener (section {@code server.metrics}): Prometheus text format on
 * {@code /metrics}, liveness on {@code /healthz}, readiness on {@code /readyz}. Without the section (or without its
 * {@code port}) there is no such listener.
 *
 * @param host the loopback address the listener binds: {@code localhost}, 127.0.0.0/8 or {@code ::1}, never anything
 *     else (any local account may read it, nobody remote). Default: {@code 127.0.0.1}.
 * @param port the TCP port; 0 picks a free one (for tests). Range 0 to 65535. Required in the section.
 */
public record MetricsConfig(String host, int port) {
    static final Keys KEYS = Keys.of("host", "port");

    public MetricsConfig {
        Objects.requireNonNull(host, "host");
        if (!LoopbackHost.isLoopback(host)) {
            throw new IllegalArgumentException("host must be a loopback address, not " + host);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** The section's value: empty when it is absent or empty (no listener), else the port is required. */
    static Optional<MetricsConfig> read(YamlSection yaml) throws ConfigException {
        if (yaml.keys().isEmpty()) {
            return Optional.empty();
        }
        if (!yaml.contains("port")) {
            throw yaml.error(yaml.path() + " needs a port: the loopback port Prometheus scrapes, e.g. port: 9464."
                    + " Remove the section to run without a metrics listener.");
        }
        return Optional.of(new MetricsConfig(yaml.optionalValue("host", new LoopbackHost()).orElse("127.0.0.1"),
                yaml.integer("port", 0, 0, 65535)));
    }
}
