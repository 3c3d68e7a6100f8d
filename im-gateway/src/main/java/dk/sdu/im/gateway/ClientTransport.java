package dk.sdu.im.gateway;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

/**
 * How the gateway talks to its clients: plain HTTP (for a loopback address behind the site's own TLS terminator), or
 * HTTPS with the current certificate ({@link TlsTransport}). Turns an accepted connection into the client's
 * {@link Endpoint}; this runs on the connection's own thread, never on the accept loop, because a TLS handshake
 * waits for the client.
 */
sealed interface ClientTransport extends AutoCloseable permits ClientTransport.Plain, TlsTransport {
    /** Plain HTTP: the accepted socket as it is. */
    ClientTransport PLAIN = new Plain();

    /**
     * The client's endpoint over {@code accepted} (a socket of a channel), whose reads time out after {@code idle}.
     *
     * @throws IOException if the connection fails first (a TLS handshake that fails or does not finish in time)
     */
    Endpoint open(Socket accepted, Duration idle) throws IOException;

    /** Whether clients speak HTTPS: replies then carry {@code Strict-Transport-Security}. */
    boolean secure();

    /** Stops whatever the transport runs in the background; open connections are not touched. */
    @Override
    void close();

    /** Plain HTTP. */
    record Plain() implements ClientTransport {
        @Override
        public Endpoint open(Socket accepted, Duration idle) throws IOException {
            return Endpoint.of(accepted, idle);
        }

        @Override
        public boolean secure() {
            return false;
        }

        @Override
        public void close() {
            // Nothing runs in the background.
        }
    }
}
