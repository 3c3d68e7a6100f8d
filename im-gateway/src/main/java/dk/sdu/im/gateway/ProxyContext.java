package dk.sdu.im.gateway;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * What every connection of one gateway shares; built once by {@link EmbeddedGateway#start}. {@code forwarding} follows
 * {@code transport}: HTTPS toward clients is what its forwarded and answered heads say.
 *
 * @param trustedProxies the peers whose forwarding fields are extended rather than replaced ({@link Forwarded})
 * @param splice empty where bulk copies go through user space
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
        ClientLimits limits,
        ClientTransport transport,
        Forwarding forwarding,
        Optional<KernelSplice> splice) {
}
