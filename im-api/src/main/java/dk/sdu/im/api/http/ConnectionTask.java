package dk.sdu.im.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The life of one accepted socket, on its own virtual thread: the request head within the handshake timeout,
 * then either the WebSocket session, a plain endpoint's one reply, or HTTP calls one after another while both
 * sides keep the connection; then the close. Whatever happens, the socket is closed and released when it ends.
 */
final class ConnectionTask implements Runnable {
    private static final Logger LOG = Logger.getLogger(ConnectionTask.class.getName());
    private static final int OUTPUT_BUFFER_BYTES = 16 * 1024;
    /** How long a kept connection may wait for its next request; the gateway keeps idle ones for less. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(30);
    /** The longest chunk-size or trailer line of a chunked request body. */
    static final int MAX_CHUNK_LINE_BYTES = 8 * 1024;
    /** What is read and dropped of a body its handler left unread before the connection is given up instead. */
    static final long MAX_SKIPPED_BODY_BYTES = 1024 * 1024;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final Socket socket;
    private final OpeningHandshake handshake;
    private final HttpReplies replies;
    private final HttpListener.Settings settings;
    private final OpenConnections open;

    ConnectionTask(Socket socket, HttpListener.Endpoints endpoints, ObjectMapper json,
            HttpListener.Settings settings, OpenConnections open) {
        this.socket = socket;
        this.handshake = new OpeningHandshake(endpoints, settings.maxHeadBytes());
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
            for (Optional<OpeningHandshake.Opening> opening = accept(input, out); opening.isPresent();
                    opening = next(input, out)) {
                input.noDeadline();
                input.idle(settings.idleTimeout());
                switch (opening.get()) {
                    case OpeningHandshake.Accepted accepted -> {
                        serve(accepted, input, out);
                        return;
                    }
                    case OpeningHandshake.Plain plain -> {
                        answer(plain, input, out);
                        return;
                    }
                    case OpeningHandshake.Call call -> {
                        if (!call(call, input, out)) {
                            input.drainAndClose(Connection.CLOSE_WAIT);
                            return;
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOG.fine(() -> "a connection ended: " + e);
        } finally {
            open.release(socket);
        }
    }

    /**
     * The next request on a kept connection: the peer may wait up to {@link #KEEP_ALIVE} before its first byte,
     * then has the handshake timeout for the rest of the head. Empty when the peer closed or stayed silent.
     */
    private Optional<OpeningHandshake.Opening> next(SocketInput input, OutputStream out) throws IOException {
        InputStream in = input.stream();
        input.idle(KEEP_ALIVE);
        in.mark(1);
        try {
            if (in.read() < 0) {
                return Optional.empty();
            }
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        in.reset();
        return accept(input, out);
    }

    /**
     * One HTTP call: {@code 100 Continue} if the client waits for it, the handler, then what is left of the body
     * (bounded); true if the connection may carry another request. A handler that fails before its head is
     * answered with 500; on false the caller closes the connection (lingering, so the reply is read).
     */
    private boolean call(OpeningHandshake.Call call, SocketInput input, OutputStream out) throws IOException {
        BodyInput body = BodyInput.of(call.framing(), input.stream(), MAX_CHUNK_LINE_BYTES);
        if (call.expectsContinue()) {
            out.write(CONTINUE);
            out.flush();
        }
        var exchange = new SocketExchange(call.head(), call.uri(), body, out,
                (InetSocketAddress) socket.getLocalSocketAddress(), (InetSocketAddress) socket.getRemoteSocketAddress());
        try {
            call.handler().handle(exchange);
        } catch (IOException | RuntimeException e) {
            if (!exchange.answered()) {
                LOG.log(Level.WARNING, "the handler for " + call.uri().getPath() + " failed", e);
                send(Refusal.internalError(), out);
            }
            return false;
        }
        exchange.close();
        if (!exchange.answered()) {
            LOG.warning(() -> "the handler for " + call.uri().getPath() + " sent no reply");
            send(Refusal.internalError(), out);
            return false;
        }
        return exchange.keepsConnection() && skipRest(body) && exchange.ended();
    }

    private static boolean skipRest(BodyInput body) {
        try {
            return body.skipRest(MAX_SKIPPED_BODY_BYTES);
        } catch (IOException e) {
            return false;
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
        send(refusal, out);
        input.drainAndClose(Connection.CLOSE_WAIT);
    }

    /** Writes the refusal; the caller closes the connection after it. */
    private void send(Refusal refusal, OutputStream out) throws IOException {
        out.write(replies.refusal(refusal));
        out.flush();
    }

    private void serve(OpeningHandshake.Accepted accepted, SocketInput input, OutputStream out) throws IOException {
        FrameOutput output = new FrameOutput(out);
        Connection connection = new Connection(socket, input, output, settings);
        open.upgraded(connection);
        try {
            out.write(HttpReplies.switching(accepted.acceptKey()));
            out.flush();
            try (Heartbeat heartbeat = Heartbeat.start(connection, output, settings)) {
                runSession(accepted.session(), connection);
            }
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
