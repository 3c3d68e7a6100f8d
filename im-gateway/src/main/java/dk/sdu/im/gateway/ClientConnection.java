package dk.sdu.im.gateway;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Optional;

/**
 * One client connection, on its own virtual thread: reads a request head, serves it as an
 * {@link Exchange}, and repeats while the connection may be kept alive. Each request is routed on its
 * own, so consecutive requests for different users on one connection reach different backends.
 *
 * <p>Trust: the client is anyone who can reach the public port. Heads are bounded by
 * {@code maxHeaderBytes} (431) and parsed strictly (400); reads time out after the idle timeout; the
 * connection is closed after any error the gateway answers itself.
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
            while (serveOne(client)) {
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
    private boolean serveOne(Endpoint client) throws IOException {
        RequestHead request;
        try {
            Optional<List<String>> lines = HeadReader.read(client.in(), context.maxHeaderBytes());
            if (lines.isEmpty()) {
                return false;
            }
            request = RequestHead.parse(lines.get());
        } catch (BadHead e) {
            return answered(client, GatewayError.of(e));
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
