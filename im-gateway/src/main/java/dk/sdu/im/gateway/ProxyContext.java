package dk.sdu.im.gateway;

import java.time.Duration;
import java.util.Set;
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
        Set<String> socketPaths) {

    /**
     * Whether an instance's socket listener serves the request: a WebSocket upgrade, or an origin-form request to one
     * of the {@link EmbeddedGateway.Settings#socketPaths()}.
     */
    boolean toSocketListener(RequestHead request) {
        return request.isWebSocketUpgrade()
                || !RequestTarget.isAbsolute(request.target()) && socketPaths.contains(request.parsedTarget().path());
    }
}
