package dk.sdu.im.gateway;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * One request and its response: route, take a pooled backend connection or connect a fresh one, forward
 * the head, relay the body in both directions, and either keep the client connection for its next request or
 * turn it into a WebSocket tunnel. The backend connection goes back to the {@link BackendPool} only after an
 * exchange that left it positioned at a message boundary (see {@link #reusable}), and before the response's last
 * byte is written to the client (see {@link #release}): a client's next request always finds it there.
 *
 * <p>Errors: before the backend's final response head has been relayed, a failure is a
 * {@link GatewayError} (502, 503, 504, or the cold start's refusal) that the client receives as JSON.
 * After it, the only honest signal left is to close the client connection: a backend that dies
 * mid-response never becomes a fabricated success. A request body that fails first (see {@link RequestBody})
 * wins over whatever the backend did: malformed chunked framing is answered 400, a client that broke off its
 * body gets nothing.
 */
final class Exchange {
    private static final System.Logger LOG = System.getLogger(Exchange.class.getName());
    /** Response bodies from this size on are copied as bulk ({@link BulkCopy}: through the sockets' channels when plain). */
    static final long BULK_BYTES = 1024 * 1024;

    private final ProxyContext context;
    private final Endpoint client;
    private final RequestHead request;
    /** Set once the backend connection is back in the pool; it is then no longer this exchange's to close. */
    private boolean backendPooled;

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
        Framing requestBody = Framing.ofRequest(request);
        checkFirstChunk(requestBody);
        Destination destination = Router.destination(request);
        OpenConnections.Lease lease = context.open().track(destination);
        try {
            InetSocketAddress address = context.backends().address(destination, authorization());
            var key = new BackendPool.Key(destination, address);
            return forward(backend(key), key, requestBody, destination);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the gateway is closing");
        } finally {
            lease.close();
        }
    }

    /**
     * Checks a chunked body's first chunk-size line before anything goes to a backend, so that a malformed one (a sign,
     * a {@code 0x} prefix, more than 15 hex digits, a bare LF) reaches no backend at all; the line stays in the client's
     * buffer for the copy. Skipped when the client waits for {@code 100 Continue} before it sends its body. A fault
     * further into the body is found by the copy, which ends the backend's connection before the body's end
     * ({@link RequestBody}), so no backend ever has a whole request with a malformed body.
     */
    private void checkFirstChunk(Framing framing) throws GatewayError, IOException {
        if (!(framing instanceof Framing.Chunked) || request.headers().hasToken("expect", "100-continue")) {
            return;
        }
        EndpointInput in = client.in();
        in.mark(context.maxHeaderBytes());
        try {
            String line = LineReader.readLine(in, context.maxHeaderBytes());
            if (line == null) {
                throw new EOFException("the client closed before its chunked body");
            }
            ChunkedCopy.chunkSize(line);
        } catch (BadHead e) {
            LOG.log(System.Logger.Level.DEBUG, "refused a malformed first chunk: {0}", e.getMessage());
            throw GatewayError.badRequest("The request body is malformed");
        }
        in.reset();
    }

    /** The request's {@code Authorization} header, null when absent; a repeated one is malformed (400). */
    private String authorization() throws GatewayError {
        try {
            return request.headers().single("Authorization").orElse(null);
        } catch (BadHead e) {
            throw GatewayError.badRequest("The request repeats its Authorization header");
        }
    }

    /** A pooled connection if there is one (never for a WebSocket handshake, which keeps its connection). */
    private Endpoint backend(BackendPool.Key key) throws GatewayError {
        if (keepsBackendAlive()) {
            Optional<Endpoint> pooled = context.pool().take(key);
            if (pooled.isPresent()) {
                return pooled.get();
            }
        }
        return connect(key.address(), key.destination());
    }

    /** HTTP/1.1 requests ask the backend to keep the connection; others are forwarded with {@code Connection: close}. */
    private boolean keepsBackendAlive() {
        return request.version().equals("HTTP/1.1") && !request.isWebSocketUpgrade();
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

    private boolean forward(Endpoint backend, BackendPool.Key key, Framing requestBody, Destination destination)
            throws IOException {
        boolean webSocket = request.isWebSocketUpgrade();
        RequestBody body = null;
        boolean keepAlive = false;
        try {
            Optional<byte[]> buffered = RequestBody.takeBuffered(requestBody, client.in());
            sendHead(backend, destination, webSocket, buffered);
            body = buffered.isPresent() ? RequestBody.complete()
                    : RequestBody.start(requestBody, client, backend, context.maxHeaderBytes(), context.threads());
            keepAlive = relay(backend, key, body, webSocket);
            return keepAlive;
        } catch (GatewayError e) {
            LOG.log(System.Logger.Level.DEBUG, "answered {0}", e.getMessage());
            answer(e, body);
            return false;
        } finally {
            if (!backendPooled) {
                backend.close();
            }
            if (!keepAlive) {
                client.close();
            }
            if (body != null) {
                body.await();
            }
        }
    }

    /**
     * The gateway's own answer, unless the client broke off its body. After a malformed body the client may still be
     * sending, so the answer lingers ({@link Endpoint#answerAndClose}); the copier has stopped reading by then.
     */
    private void answer(GatewayError error, RequestBody body) throws IOException {
        switch (body == null ? RequestBody.State.OPEN : body.state()) {
            case MALFORMED -> {
                body.await();
                client.answerAndClose(ErrorResponse.bytes(error, context.forwarding()));
            }
            case BROKEN -> {
                // The client is gone.
            }
            case OPEN, RELAYING -> {
                client.out().write(ErrorResponse.bytes(error, context.forwarding()));
                client.out().flush();
            }
        }
    }

    /** Fails the exchange by the body's failure, if the body failed first; returns otherwise. */
    private static void failIfBodyFailed(RequestBody body) throws GatewayError, IOException {
        switch (body.state()) {
            case MALFORMED -> throw GatewayError.badRequest("The request body is malformed");
            case BROKEN -> throw new IOException("the client broke off the request body");
            case OPEN, RELAYING -> {
                // The body has not failed, or the backend's response already goes to the client.
            }
        }
    }

    /** The request's head, and its {@code body} if the client's buffer held it whole, in one write. */
    private void sendHead(Endpoint backend, Destination destination, boolean webSocket, Optional<byte[]> body)
            throws GatewayError {
        try {
            Forwarded forwarded = Forwarded.of(request.headers(), client.peer(), context.trustedProxies(),
                    context.transport().secure());
            backend.out().write(request.bytes(context.forwarding().request(request, forwarded, webSocket,
                    keepsBackendAlive())));
            if (body.isPresent()) {
                backend.out().write(body.get());
            }
            backend.out().flush();
        } catch (IOException e) {
            throw destination.unreachable();
        }
    }

    /**
     * Relays interim responses (not to HTTP/1.0 clients, RFC 9110 15.2), then the final one; true if
     * the client connection stays open.
     */
    private boolean relay(Endpoint backend, BackendPool.Key key, RequestBody body, boolean webSocket)
            throws GatewayError, IOException {
        Destination destination = key.destination();
        while (true) {
            ResponseHead response = responseHead(backend, body, destination);
            if (!response.isInterim() && !body.startRelaying()) {
                failIfBodyFailed(body); // throws: the body failed before this response could be relayed
            }
            if (response.status() == 101) {
                switchProtocols(backend, body, response, destination, webSocket);
                return false;
            }
            if (!response.isInterim()) {
                return relayFinal(backend, key, body, response);
            }
            if (!request.version().equals("HTTP/1.0")) {
                client.out().write(response.bytes(context.forwarding().response(response, Framing.NONE, false)));
                client.out().flush();
            }
        }
    }

    /** The next response head; if reading it failed because the body failed first (see {@link RequestBody}), that failure. */
    private ResponseHead responseHead(Endpoint backend, RequestBody body, Destination destination)
            throws GatewayError, IOException {
        try {
            return readResponseHead(backend, destination);
        } catch (GatewayError e) {
            failIfBodyFailed(body);
            throw e;
        }
    }

    private ResponseHead readResponseHead(Endpoint backend, Destination destination) throws GatewayError {
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
            throw destination.unreachable();
        }
    }

    private boolean relayFinal(Endpoint backend, BackendPool.Key key, RequestBody body, ResponseHead response)
            throws GatewayError, IOException {
        Framing framing;
        try {
            framing = Framing.ofResponse(response, request.method());
        } catch (BadHead e) {
            throw key.destination().invalidResponse();
        }
        boolean close = request.wantsClose() || framing instanceof Framing.UntilClose || !body.consumed();
        byte[] head = response.bytes(context.forwarding().response(response, framing, close));
        try {
            relayBody(backend, head, framing, () -> release(backend, key, response, framing, body));
        } catch (IOException e) {
            return false;
        }
        return !close;
    }

    /** The final response's head and body; {@code responseRead} runs before the client can have the last byte. */
    private void relayBody(Endpoint backend, byte[] head, Framing framing, Runnable responseRead) throws IOException {
        if (framing instanceof Framing.None) {
            responseRead.run(); // the head is the whole response, and may be larger than the client's buffer
            client.out().write(head);
            client.out().flush();
        } else if (framing instanceof Framing.Fixed(long length) && length >= BULK_BYTES) {
            client.out().write(head);
            copyBulk(backend, length);
        } else {
            client.out().write(head);
            new BodyCopy(backend.in(), client.out(), context.maxHeaderBytes()).copy(framing, responseRead);
        }
    }

    /**
     * Pools the backend connection if it is {@link #reusable}; runs when the response's last byte has been read
     * from the backend and before it is written to the client. Pooling it later (after the client has the whole
     * response) would let the client's next request, on any connection, look in the pool first, find it empty
     * and open a second backend connection.
     */
    private void release(Endpoint backend, BackendPool.Key key, ResponseHead response, Framing framing,
            RequestBody body) {
        if (reusable(response, framing, body)) {
            context.pool().give(key, backend);
            backendPooled = true;
        }
    }

    /**
     * Whether the backend connection is at a message boundary and the backend means to keep it: the request
     * asked for keep-alive, the whole request body reached the backend, the response was HTTP/1.1 with a
     * delimited body and without {@code Connection: close}. Bulk responses are not pooled: their copy may
     * end with both sockets closed by the idle watch, and a fresh connection costs nothing next to them.
     */
    private boolean reusable(ResponseHead response, Framing framing, RequestBody body) {
        return keepsBackendAlive() && response.version().equals("HTTP/1.1") && !(framing instanceof Framing.UntilClose)
                && !response.headers().hasToken("connection", "close") && body.deliveredWithin(context.idleTimeout());
    }

    /** A large response body (a download) as bulk, inside the kernel where it can be; idle for the idle timeout, both sockets close. */
    private void copyBulk(Endpoint backend, long length) throws IOException {
        onSplicingThread(() -> copyBulkHere(backend, length));
    }

    private void copyBulkHere(Endpoint backend, long length) throws IOException {
        try (IdleWatch watch = IdleWatch.start(context.idleTimeout(), () -> {
                    backend.abort();
                    client.abort();
                });
                BulkCopy copy = BulkCopy.between(backend, client, watch, context.splice())) {
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
        client.out().write(response.bytes(context.forwarding().switching(response)));
        client.out().flush();
        Tunnel tunnel = new Tunnel(client, backend, context.idleTimeout(), context.splice());
        onSplicingThread(() -> tunnel.run(context.threads()));
    }

    /** Work that moves bytes between two sockets, which {@link KernelSplice} splices only on a virtual thread. */
    private interface Copy {
        void run() throws IOException;
    }

    /**
     * Runs {@code copy} here if this thread can splice (or nothing would be spliced anyway), else on a virtual thread
     * while this one waits: the connection may hold a pooled platform thread ({@link ConnectionThreads}).
     */
    private void onSplicingThread(Copy copy) throws IOException {
        if (context.splice().isEmpty() || context.transport().secure() || Thread.currentThread().isVirtual()) {
            copy.run();
            return;
        }
        Future<?> running = context.threads().submit(() -> {
            copy.run();
            return null;
        });
        try {
            running.get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException unchecked -> throw unchecked;
                case Error error -> throw error;
                default -> throw new IOException(e.getCause());
            }
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the gateway is closing");
        }
    }
}
