package dk.sdu.im.gateway;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

/** What every connection of one gateway shares; built once by {@link EmbeddedGateway#start}. */
record ProxyContext(
        Backends backends,
        BackendPool pool,
        OpenConnections open,
        ExecutorService threads,
        Duration connectTimeout,
        Duration idleTimeout,
        int maxHeaderBytes,
        ClientLimits limits) {
}
