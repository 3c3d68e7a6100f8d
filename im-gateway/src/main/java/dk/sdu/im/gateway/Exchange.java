package dk.sdu.im.gateway;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Optional;

/**
 * One request and its response: route, connect a fresh backend connection, forward the head, relay
 * the body in both directions, and either keep the client connection for its next request or turn it
 * into a WebSocket tunnel.
 *
 * <p>Errors: before the backend's final response head has been relayed, a failure is a
 * {@link GatewayError} (502, 503, 504, or the cold start's refusal) that the client receives as JSON.
 * After it, the only honest signal left is to close the client connection: a backend that dies
 * mid-response never becomes a fabricated success.
 */
final class Exchange {
    private static final System.Logger LOG = System.getLogger(Exchange.class.getName());
    /** Response bodies from this size on are copied through the sockets' channels ({@link ChannelCopy}). */
    static final long BULK_BYTES = 1024 * 1024;

    private final ProxyContext context;
    private final Endpoint client;
    private final RequestHead request;

    Exchange(ProxyContext context, Endpoint client, RequestHead request) {
        this.context = context;
        this.client = client;
        this.request = request;
    }

    /**
     * Serves the request; true if the client connection may carry another request.
     *
     * @throws GatewayError before anything was sent to a backend; the caller answers and closes
     */
    boolean run() throws GatewayError, IOException {
        if (request.method().equals("CONNECT")) {
            throw new GatewayError(405, "CONNECT is not supported");
        }
        Framing requestBody = Framing.ofRequest(request.headers());
        Destination destination = Router.destination(request);
        OpenConnections.Lease lease = context.open().track(destination);
        try {
            InetSocketAddress address = context.backends().address(destination, request.isWebSocketUpgrade());
            Endpoint backend = connect(address, destination);
            return forward(backend, requestBody, destination);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the gateway is closing");
        } finally {
            lease.close();
        }
    }

    private Endpoint connect(InetSocketAddress address, Destination destination) throws GatewayError {
        Socket socket;
        try {
            socket = SocketChannel.open().socket();
        } catch (IOException e) {
            throw destination.unreachable();
        }
        try {
            socket.connect(address, Math.toIntExact(context.connectTimeout().toMillis()));
            return Endpoint.of(socket, context.idleTimeout());
        } catch (IOException e) {
            closeQuietly(socket);
            throw destination.unreachable();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // It never connected; nothing to release.
        }
    }

    private boolean forward(Endpoint backend, Framing requestBody, Destination destination) throws IOException {
        boolean webSocket = request.isWebSocketUpgrade();
        RequestBody body = null;
        boolean keepAlive = false;
        try {
            sendHead(backend, destination, webSocket);
            body = RequestBody.start(requestBody, client, backend, context.maxHeaderBytes(), context.threads());
            keepAlive = relay(backend, body, destination, webSocket);
            return keepAlive;
        } catch (GatewayError e) {
            LOG.log(System.Logger.Level.DEBUG, "answered {0}", e.getMessage());
            if (body == null || !body.aborted()) {
                client.out().write(ErrorResponse.bytes(e));
                client.out().flush();
            }
            return false;
        } finally {
            backend.close();
            if (!keepAlive) {
                client.close();
            }
            if (body != null) {
                body.await();
            }
        }
    }

    private void sendHead(Endpoint backend, Destination destination, boolean webSocket) throws GatewayError {
        try {
            backend.out().write(request.bytes(Forwarding.request(request, client.peerAddress(), webSocket)));
            backend.out().flush();
        } catch (IOException e) {
            throw destination.unreachable();
        }
    }

    /**
     * Relays interim responses (not to HTTP/1.0 clients, RFC 9110 15.2), then the final one; true if
     * the client connection stays open.
     */
    private boolean relay(Endpoint backend, RequestBody body, Destination destination, boolean webSocket)
            throws GatewayError, IOException {
        while (true) {
            ResponseHead response = responseHead(backend, body, destination);
            if (response.status() == 101) {
                switchProtocols(backend, body, response, destination, webSocket);
                return false;
            }
            if (!response.isInterim()) {
                return relayFinal(backend, body, response, destination);
            }
            if (!request.version().equals("HTTP/1.0")) {
                client.out().write(response.bytes(Forwarding.response(response, Framing.NONE, false)));
                client.out().flush();
            }
        }
    }

    private ResponseHead responseHead(Endpoint backend, RequestBody body, Destination destination)
            throws GatewayError, IOException {
        try {
            Optional<List<String>> lines = HeadReader.read(backend.in(), context.maxHeaderBytes());
            if (lines.isEmpty()) {
                throw destination.unreachable();
            }
            return ResponseHead.parse(lines.get());
        } catch (SocketTimeoutException e) {
            throw destination.timedOut();
        } catch (BadHead e) {
            throw destination.invalidResponse();
        } catch (IOException e) {
            if (body.aborted()) {
                throw e;
            }
            throw destination.unreachable();
        }
    }

    private boolean relayFinal(Endpoint backend, RequestBody body, ResponseHead response, Destination destination)
            throws GatewayError, IOException {
        Framing framing;
        try {
            framing = Framing.ofResponse(response, request.method());
        } catch (BadHead e) {
            throw destination.invalidResponse();
        }
        boolean close = request.wantsClose() || framing instanceof Framing.UntilClose || !body.consumed();
        client.out().write(response.bytes(Forwarding.response(response, framing, close)));
        try {
            if (framing instanceof Framing.Fixed(long length) && length >= BULK_BYTES) {
                copyBulk(backend, length);
            } else {
                new BodyCopy(backend.in(), client.out(), context.maxHeaderBytes()).copy(framing, () -> { });
            }
        } catch (IOException e) {
            return false;
        }
        return !close;
    }

    /** A large response body (a download) through the channels; idle for the idle timeout, both sockets close. */
    private void copyBulk(Endpoint backend, long length) throws IOException {
        try (IdleWatch watch = IdleWatch.start(context.idleTimeout(), () -> {
                    backend.close();
                    client.close();
                });
                ChannelCopy copy = new ChannelCopy(backend, client, watch)) {
            copy.exactly(length);
        }
    }

    private void switchProtocols(Endpoint backend, RequestBody body, ResponseHead response, Destination destination,
            boolean webSocket) throws GatewayError, IOException {
        if (!webSocket || !response.headers().hasToken("upgrade", "websocket")) {
            throw destination.invalidResponse();
        }
        body.await();
        if (!body.consumed()) {
            throw destination.invalidResponse();
        }
        client.out().write(response.bytes(Forwarding.switching(response)));
        client.out().flush();
        new Tunnel(client, backend, context.idleTimeout()).run(context.threads());
    }
}
