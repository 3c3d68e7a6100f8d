package dk.sdu.im.gateway;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * What every connection of one gateway shares; built once by {@link EmbeddedGateway#start}.
 *
 * @param trustedProxies the peers whose forwarding fields are extended rather than replaced ({@link Forwarded})
 * @param tls whether the gateway's listener serves TLS, i.e. the {@code X-Forwarded-Proto} it states itself
 */
record ProxyContext(
        Backends backends,
        BackendPool pool,
        OpenConnections open,
        ExecutorService threads,
        Duration connectTimeout,
        Duration idleTimeout,
        int maxHeaderBytes,
        TrustedProxies trustedProxies,
        boolean tls) {
}
