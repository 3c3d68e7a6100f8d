package dk.sdu.im.config;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client of the embedded gateway may send and hold (section {@code gateway.limits}). Tuning values: the
 * defaults suit a site where UCloud and browsers connect directly; a site with its own proxy in front of the gateway
 * is one client address for all its users, and raises {@code maxConnectionsPerAddress} for it.
 *
 * @param maxConnections the most client connections served at once; more wait in the listen backlog. 1 to 100,000.
 *     Default: 10,000.
 * @param maxConnectionsPerAddress the most connections served at once for one client IP address; a further one is
 *     closed at once, unanswered. 1 to 100,000. Default: 256.
 * @param maxHeaderFields the most header fields in a request (431 beyond). 1 to 10,000. Default: 100.
 * @param maxRequestLineBytes the longest request line, CRLF included (414 beyond). 256 to 65,536. Default: 8,192.
 * @param headTimeout how long a request head may take to arrive whole, from a new connection's accept or a later
 *     request's first byte (408 after it; a new connection silent that long is closed). 1 to 3,600 s. Default: 20 s.
 * @param keepAliveTimeout how long a kept-alive connection may wait for its next request before it is closed.
 *     1 to 300 s (the gateway's idle timeout). Default: 60 s.
 */
public record GatewayLimits(int maxConnections, int maxConnectionsPerAddress, int maxHeaderFields,
        int maxRequestLineBytes, Duration headTimeout, Duration keepAliveTimeout) {
    static final Keys KEYS = Keys.of("maxConnections", "maxConnectionsPerAddress", "maxHeaderFields",
            "maxRequestLineBytes", "headSeconds", "keepAliveSeconds");
    public static final GatewayLimits DEFAULTS = new GatewayLimits(10_000, 256, 100, 8192, Duration.ofSeconds(20),
            Duration.ofSeconds(60));

    public GatewayLimits {
        Objects.requireNonNull(headTimeout, "headTimeout");
        Objects.requireNonNull(keepAliveTimeout, "keepAliveTimeout");
        if (maxConnections < 1 || maxConnectionsPerAddress < 1 || maxHeaderFields < 1 || maxRequestLineBytes < 256
                || !headTimeout.isPositive() || !keepAliveTimeout.isPositive()) {
            throw new IllegalArgumentException("gateway limits must be positive");
        }
    }

    static GatewayLimits read(YamlSection yaml) throws ConfigException {
        GatewayLimits d = DEFAULTS;
        return new GatewayLimits(yaml.integer("maxConnections", d.maxConnections, 1, 100_000),
                yaml.integer("maxConnectionsPerAddress", d.maxConnectionsPerAddress, 1, 100_000),
                yaml.integer("maxHeaderFields", d.maxHeaderFields, 1, 10_000),
                yaml.integer("maxRequestLineBytes", d.maxRequestLineBytes, 256, 65_536,
                        "A request line must fit in the gateway's 64 KiB request head."),
                Duration.ofSeconds(yaml.integer("headSeconds", (int) d.headTimeout.toSeconds(), 1, 3600)),
                Duration.ofSeconds(yaml.integer("keepAliveSeconds", (int) d.keepAliveTimeout.toSeconds(), 1, 300,
                        "A kept-alive connection waits at most the gateway's idle timeout of 300 s.")));
    }
}
