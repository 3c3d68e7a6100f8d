package dk.sdu.im.gateway;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;

/**
 * One client connection, on its own virtual thread: reads a request head, serves it as an
 * {@link Exchange}, and repeats while the connection may be kept alive. Each request is routed on its
 * own, so consecutive requests for different users on one connection reach different backends.
 *
 * <p>Trust: the client is anyone who can reach the public port. Heads are read within the {@link ClientLimits}
 * ({@link RequestReader}: 408, 414, 431) and {@code maxHeaderBytes} (431) and parsed strictly (400); other reads
 * time out after the idle timeout; the connection is closed after any error the gateway answers itself.
 */
final class ClientConnection {
    private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());

    private final ProxyContext context;
    private final Socket socket;

    ClientConnection(ProxyContext context, Socket socket) {
        this.context = context;
        this.socket = socket;
    }

    void serve() {
        Endpoint client = null;
        try {
            client = context.transport().open(socket, context.idleTimeout());
            RequestReader requests = new RequestReader(client, context);
            while (serveOne(client, requests)) {
                // Next request on the same connection.
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "client connection ended: {0}", e.toString());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "client connection failed", e);
        } finally {
            if (client != null) {
                client.close();
            }
            closeQuietly();
        }
    }

    /** Serves one request; false when the connection is to be closed. */
    private boolean serveOne(Endpoint client, RequestReader requests) throws IOException {
        RequestHead request;
        try {
            Optional<RequestHead> next = requests.next();
            if (next.isEmpty()) {
                return false;
            }
            request = next.get();
        } catch (BadHead e) {
            return answered(client, GatewayError.of(e));
        } catch (SocketTimeoutException e) {
            return answered(client, GatewayError.headTimedOut());
        }
        try {
            return new Exchange(context, client, request).run();
        } catch (GatewayError e) {
            return answered(client, e);
        }
    }

    private boolean answered(Endpoint client, GatewayError error) {
        LOG.log(System.Logger.Level.DEBUG, "answered {0}", error.getMessage());
        client.answerAndClose(ErrorResponse.bytes(error, context.forwarding()));
        return false;
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
