package dk.sdu.im.api.http;

import java.io.IOException;

/**
 * Serves one plain HTTP request (no upgrade) to its exact path on this listener, for replies whose body is best
 * sent straight from a file to the socket ({@link PlainReply#file}, sendfile): downloads. The request has no body
 * (one that announces a body is refused before the endpoint is asked); the connection closes after the reply, so
 * an endpoint answers exactly once. Called on the connection's own virtual thread, possibly concurrently.
 */
@FunctionalInterface
public interface PlainEndpoint {
    /**
     * Answers {@code request} through {@code reply}.
     *
     * @throws IOException if the client went away while the reply was written; the connection is then closed
     */
    void serve(Handshake request, PlainReply reply) throws IOException;
}
