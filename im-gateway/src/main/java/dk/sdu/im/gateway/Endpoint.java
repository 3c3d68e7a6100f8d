package dk.sdu.im.gateway;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import javax.net.ssl.SSLSocket;

/**
 * One end of a proxied exchange: a connected socket with its buffered streams. The input buffer may
 * already hold bytes past the current message (a pipelined request, WebSocket frames after a 101), so
 * everything that reads from the socket reads through {@link #in()}, never from the socket directly (a
 * {@link ChannelCopy} takes what {@code in} holds first).
 *
 * <p>{@code socket} is what the streams belong to; {@code transport} is the TCP connection under it: the same socket
 * for plain HTTP, the accepted connection under a client's {@link SSLSocket}.
 */
record Endpoint(Socket socket, Socket transport, EndpointInput in, BufferedOutputStream out) {
    private static final int LINGER_MAX_BYTES = 1 << 20;
    private static final int LINGER_MILLIS = 1000;

    /**
     * Wraps a connected socket of a {@link java.nio.channels.SocketChannel} (bulk copies use the channel); reads
     * through {@link #in()} time out after {@code idle} without data.
     */
    static Endpoint of(Socket socket, Duration idle) throws IOException {
        if (socket.getChannel() == null) {
            throw new IllegalArgumentException("not a channel's socket: " + socket);
        }
        return wrap(socket, socket, idle);
    }

    /** Wraps a TLS socket layered over {@code transport} after its handshake; bulk copies use its streams. */
    static Endpoint overTls(SSLSocket tls, Socket transport, Duration idle) throws IOException {
        return wrap(tls, transport, idle);
    }

    private static Endpoint wrap(Socket socket, Socket transport, Duration idle) throws IOException {
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        socket.setSoTimeout(Math.toIntExact(idle.toMillis()));
        return new Endpoint(socket, transport, new EndpointInput(socket.getInputStream(), BodyCopy.BUFFER_BYTES),
                new BufferedOutputStream(socket.getOutputStream(), BodyCopy.BUFFER_BYTES));
    }

    /**
     * The socket's channel, for {@link ChannelCopy}; null for TLS, whose bytes only its streams can encrypt (a layered
     * {@link SSLSocket} hands out the channel of the connection under it, which carries the encrypted records).
     */
    SocketChannel channel() {
        return socket == transport ? socket.getChannel() : null;
    }

    /** The peer's IP address, for {@code X-Forwarded-For}. */
    InetAddress peer() {
        return socket.getInetAddress();
    }

    /** Closes the connection; a TLS socket says so to its peer first (close_notify). */
    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to do with this socket.
        }
    }

    /**
     * Closes the connection at once, from any thread. Over TLS the TCP connection goes first, so a thread blocked
     * writing to it (a peer that stopped reading) fails instead of holding the TLS socket's lock, which its orderly
     * close would wait for. A plain socket is shut down both ways first: a {@link SpliceCopy} holds its own duplicate
     * of the descriptor, which a close alone leaves open (so the copy would wait on); the shutdown wakes it.
     */
    void abort() {
        if (transport != socket) {
            try {
                transport.close();
            } catch (IOException e) {
                // Closing the TLS socket below either way.
            }
        } else if (socket.getChannel() != null) {
            try {
                socket.shutdownInput();
                socket.shutdownOutput();
            } catch (IOException e) {
                // Already closed or never connected; the close below is all there is to do.
            }
        }
        close();
    }

    /** Half-closes: the peer reads the end of the stream, and can still be read from until {@link #close()}. */
    void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            // Already closed; the peer's input has ended either way.
        }
    }

    /**
     * Sends {@code bytes} and closes, first reading and discarding (for at most about a second and
     * 1 MiB) what the peer still sends: closing with unread input makes the kernel send a reset, which
     * can destroy the answer before the peer has read it (the 431 for an oversized head, say).
     */
    void answerAndClose(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            socket.shutdownOutput();
            socket.setSoTimeout(LINGER_MILLIS);
            discardInput();
        } catch (IOException e) {
            // The peer is gone or too slow; close below either way.
        } finally {
            close();
        }
    }

    private void discardInput() throws IOException {
        byte[] sink = new byte[BodyCopy.BUFFER_BYTES];
        long deadline = System.nanoTime() + Duration.ofMillis(LINGER_MILLIS).toNanos();
        for (int total = 0; total < LINGER_MAX_BYTES && System.nanoTime() < deadline; ) {
            int read = in.read(sink);
            if (read < 0) {
                return;
            }
            total += read;
        }
    }
}
