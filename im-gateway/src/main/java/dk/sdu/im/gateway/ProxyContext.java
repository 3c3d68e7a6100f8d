package dk.sdu.im.gateway;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * What every connection of one gateway shares; built once by {@link EmbeddedGateway#start}. {@code splice} is
 * empty where bulk copies go through user space.
 */
record ProxyContext(
        Backends backends,
        BackendPool pool,
        OpenConnections open,
        ExecutorService threads,
        Duration connectTimeout,
        Duration idleTimeout,
        int maxHeaderBytes,
        Optional<KernelSplice> splice) {
}
