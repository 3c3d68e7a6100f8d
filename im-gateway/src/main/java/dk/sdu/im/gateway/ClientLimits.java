package dk.sdu.im.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client may send and hold, on top of {@link EmbeddedGateway.Settings#maxHeaderBytes()} and
 * {@link EmbeddedGateway.Settings#maxConnections()}; validated when built, fixed afterwards. Each limit is enforced
 * before anything reaches a backend, so a client over it costs the gateway a socket and a virtual thread for a
 * bounded time and no backend anything.
 *
 * @param maxHeaderFields the most header field lines in a request head (e.g. 100); more get a 431
 * @param maxRequestLineBytes the longest request line, its CRLF included (e.g. 8 KiB), at most
 *     {@code maxHeaderBytes}; a longer one gets a 414
 * @param headTimeout how long a request head may take to arrive whole, counted from the connection's accept for its
 *     first request and from the first byte for later ones (e.g. 20 s); a head still incomplete then gets a 408, so a
 *     client trickling a byte now and then (slowloris) is cut off. A new connection that sends no byte in this time
 *     is closed without an answer.
 * @param keepAliveTimeout how long a kept-alive connection may wait for the first byte of its next request
 *     (e.g. 60 s), at most the idle timeout; then it is closed without an answer
 * @param maxConnectionsPerAddress the most client connections served at once for one client IP address (e.g. 256);
 *     a further connection from that address is closed at once, unread and unanswered, so one address cannot take
 *     every connection slot. A site's own proxy in front of the gateway is one address for all its clients.
 */
public record ClientLimits(int maxHeaderFields, int maxRequestLineBytes, Duration headTimeout,
        Duration keepAliveTimeout, int maxConnectionsPerAddress) {
    public ClientLimits {
        if (maxHeaderFields < 1 || maxHeaderFields > 10_000) {
            throw new IllegalArgumentException("maxHeaderFields must be 1 to 10,000: " + maxHeaderFields);
        }
        if (maxRequestLineBytes < 256 || maxRequestLineBytes > 1 << 20) {
            throw new IllegalArgumentException("maxRequestLineBytes must be 256 bytes to 1 MiB: " + maxRequestLineBytes);
        }
        EmbeddedGateway.Settings.requireMillis(headTimeout, "headTimeout");
        EmbeddedGateway.Settings.requireMillis(keepAliveTimeout, "keepAliveTimeout");
        if (maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("maxConnectionsPerAddress must be at least 1: " + maxConnectionsPerAddress);
        }
    }

    /** 100 header fields, 8 KiB request lines, 20 s per head, 60 s between requests, 256 connections per address. */
    public static ClientLimits defaults() {
        return new ClientLimits(100, 8 * 1024, Duration.ofSeconds(20), Duration.ofSeconds(60), 256);
    }

    /** These limits with {@code timeout} as the keep-alive timeout. */
    public ClientLimits withKeepAliveTimeout(Duration timeout) {
        return new ClientLimits(maxHeaderFields, maxRequestLineBytes, headTimeout, Objects.requireNonNull(timeout),
                maxConnectionsPerAddress);
    }
}
