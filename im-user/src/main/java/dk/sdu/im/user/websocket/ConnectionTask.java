package dk.sdu.im.user.websocket;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The life of one accepted socket, on its own virtual thread: the request head within the handshake timeout,
 * then either the WebSocket session or a plain endpoint's one reply, then the close. Whatever happens, the socket
 * is closed and released when it ends.
 */
final class ConnectionTask implements Runnable {
    private static final Logger LOG = Logger.getLogger(ConnectionTask.class.getName());
    private static final int OUTPUT_BUFFER_BYTES = 16 * 1024;

    private final Socket socket;
    private final OpeningHandshake handshake;
    private final HttpReplies replies;
    private final WebSocketServer.Settings settings;
    private final OpenConnections open;

    ConnectionTask(Socket socket, WebSocketServer.Endpoints endpoints, ObjectMapper json,
            WebSocketServer.Settings settings, OpenConnections open) {
        this.socket = socket;
        this.handshake = new OpeningHandshake(endpoints.upgrades(), endpoints.plain(), settings.maxHeadBytes());
        this.replies = new HttpReplies(json);
        this.settings = settings;
        this.open = open;
    }

    @Override
    public void run() {
        try (socket) {
            socket.setTcpNoDelay(true);
            SocketInput input = new SocketInput(socket);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), OUTPUT_BUFFER_BYTES);
            Optional<OpeningHandshake.Opening> opening = accept(input, out);
            if (opening.isPresent()) {
                input.noDeadline();
                input.idle(settings.idleTimeout());
                switch (opening.get()) {
                    case OpeningHandshake.Accepted accepted -> serve(accepted, input, out);
                    case OpeningHandshake.Plain plain -> answer(plain, input, out);
                }
            }
        } catch (IOException e) {
            LOG.fine(() -> "a WebSocket connection ended: " + e);
        } finally {
            open.release(socket);
        }
    }

    /** The accepted request; empty if it was refused (and answered) or the client went away. */
    private Optional<OpeningHandshake.Opening> accept(SocketInput input, OutputStream out) throws IOException {
        input.deadline(settings.handshakeTimeout());
        try {
            return handshake.read(input.stream(), socket.getInetAddress());
        } catch (Refusal refusal) {
            LOG.fine(() -> "refused a WebSocket handshake: " + refusal.getMessage());
            refuse(refusal, input, out);
        } catch (SocketTimeoutException e) {
            LOG.fine("a WebSocket handshake did not arrive in time");
            refuse(Refusal.tooSlow(), input, out);
        }
        return Optional.empty();
    }

    private void refuse(Refusal refusal, SocketInput input, OutputStream out) throws IOException {
        out.write(replies.refusal(refusal));
        out.flush();
        input.drainAndClose(Connection.CLOSE_WAIT);
    }

    private void serve(OpeningHandshake.Accepted accepted, SocketInput input, OutputStream out) throws IOException {
        Connection connection = new Connection(socket, input, new FrameOutput(out), settings);
        open.upgraded(connection);
        try {
            out.write(HttpReplies.switching(accepted.acceptKey()));
            out.flush();
            runSession(accepted.session(), connection);
        } finally {
            open.ended(connection);
        }
    }

    /**
     * A plain endpoint's one reply; then the connection closes (the reply said so). An endpoint that fails before
     * its head is answered with 500; after its head, the connection just closes, short of the promised body.
     */
    private void answer(OpeningHandshake.Plain plain, SocketInput input, OutputStream out) throws IOException {
        PlainReply reply = new PlainReply(out, socket.getChannel());
        try {
            plain.endpoint().serve(plain.request(), reply);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the endpoint for " + plain.request().path() + " failed", e);
            if (!reply.headSent()) {
                refuse(Refusal.internalError(), input, out);
            }
            return;
        }
        input.drainAndClose(Connection.CLOSE_WAIT);
    }

    private static void runSession(SocketSession session, Connection connection) {
        try {
            session.run(connection);
            connection.close(CloseCodes.NORMAL, "");
        } catch (Exception e) {
            if (connection.hasEnded()) {
                LOG.fine(() -> "a WebSocket session ended with its connection: " + e);
            } else {
                LOG.log(Level.WARNING, "a WebSocket session failed", e);
            }
            connection.close(CloseCodes.INTERNAL_ERROR, "internal error");
        }
    }
}
