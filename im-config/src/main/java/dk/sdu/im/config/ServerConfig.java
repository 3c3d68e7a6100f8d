package dk.sdu.im.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where IM/Server listens and keeps its state (section {@code server}).
 *
 * @param host the loopback address IM/Server binds: {@code localhost}, 127.0.0.0/8 or {@code ::1}, never
 *     anything else (the gateway is the only public listener). Default: {@code 127.0.0.1}.
 * @param port the TCP port; 0 picks a free one (for tests). Range 0 to 65535. Default: 42000.
 * @param maxRequestBytes the largest request body accepted; 1024 to 67108864. Default: 4194304 (4 MiB).
 * @param stateDir IM/Server's state directory (the SQLite database by default); absolute (a relative path
 *     in the file is resolved against the configuration directory). Default: {@code /var/lib/ucloud-im}.
 * @param adminGroup the Unix group whose members may use the admin CLI ({@code ucloud-im users}, {@code instances}, ...),
 *     besides root, who always may; a group name. Default: none (root only).
 * @param metrics the metrics and health listener (subsection {@code metrics}); empty (the default) means none
 */
public record ServerConfig(String host, int port, long maxRequestBytes, Path stateDir, Optional<String> adminGroup,
                           Optional<MetricsConfig> metrics) {
    static final Keys KEYS = Keys.of("host", "port", "maxRequestBytes", "stateDir", "adminGroup", "metrics");
    static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/ucloud-im");
    static final long MIN_REQUEST_BYTES = 1024;
    static final long MAX_REQUEST_BYTES = 64L * 1024 * 1024;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(adminGroup, "adminGroup");
        Objects.requireNonNull(metrics, "metrics");
        if (!LoopbackHost.isLoopback(host)) {
            throw new IllegalArgumentException("host must be a loopback address, not " + host);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxRequestBytes < MIN_REQUEST_BYTES || maxRequestBytes > MAX_REQUEST_BYTES) {
            throw new IllegalArgumentException("maxRequestBytes out of range: " + maxRequestBytes);
        }
    }

    /** Without an admin group (root alone may use the admin CLI) and without a metrics listener. */
    public ServerConfig(String host, int port, long maxRequestBytes, Path stateDir) {
        this(host, port, maxRequestBytes, stateDir, Optional.empty(), Optional.empty());
    }

    static ServerConfig read(YamlSection yaml, Path configDirectory) throws ConfigException {
        return new ServerConfig(
                yaml.optionalValue("host", new LoopbackHost()).orElse("127.0.0.1"),
                yaml.integer("port", 42000, 0, 65535),
                yaml.longInteger("maxRequestBytes", 4L * 1024 * 1024, MIN_REQUEST_BYTES, MAX_REQUEST_BYTES),
                yaml.optionalValue("stateDir", new ResolvedPath(configDirectory)).orElse(DEFAULT_STATE_DIR),
                yaml.optionalValue("adminGroup", NamePattern.LOCAL_USER),
                MetricsConfig.read(yaml.optionalSection("metrics", MetricsConfig.KEYS)));
    }
}
