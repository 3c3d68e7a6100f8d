package dk.sdu.im.user.websocket;

import dk.sdu.im.api.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads one upgrade request and decides it: parse the head, find the endpoint by exact path, check the
 * upgrade fields, then ask the endpoint. Checks run in that order, so a plain request to an unknown path gets
 * 404 and a version other than 13 gets 426 only where an endpoint exists.
 */
final class OpeningHandshake {
    private static final Logger LOG = Logger.getLogger(OpeningHandshake.class.getName());

    /** An accepted request: the session to run and the {@code Sec-WebSocket-Accept} value for the 101. */
    record Accepted(SocketSession session, String acceptKey) {
    }

    private final Map<String, SocketEndpoint> endpoints;
    private final int maxHeadBytes;

    OpeningHandshake(Map<String, SocketEndpoint> endpoints, int maxHeadBytes) {
        this.endpoints = endpoints;
        this.maxHeadBytes = maxHeadBytes;
    }

    /**
     * The accepted request; empty if the connection ended before its first byte.
     *
     * @throws Refusal for every request that is not switched
     * @throws IOException if the connection fails or times out while the head is read
     */
    Optional<Accepted> read(InputStream in, InetAddress peer) throws IOException, Refusal {
        Optional<List<String>> lines = HeadReader.read(in, maxHeadBytes);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        RequestHead head = RequestHead.parse(lines.get());
        UpgradeRequest.checkRequestLine(head);
        RequestTarget target = RequestTarget.parse(head.target());
        SocketEndpoint endpoint = endpoints.get(target.path());
        if (endpoint == null) {
            throw Refusal.notFound(target.path());
        }
        String key = UpgradeRequest.clientKey(head);
        Handshake handshake = new Handshake(head.method(), target.rawPath(), target.path(), target.query(),
                head.fields(), peer);
        return Optional.of(new Accepted(decide(endpoint, handshake), AcceptKey.of(key)));
    }

    private static SocketSession decide(SocketEndpoint endpoint, Handshake handshake) throws Refusal {
        SocketSession session;
        try {
            session = endpoint.accept(handshake);
        } catch (ApiException e) {
            LOG.fine(() -> "refused a WebSocket to " + handshake.path() + ": " + e.getMessage());
            throw Refusal.of(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the WebSocket endpoint for " + handshake.path() + " failed", e);
            throw Refusal.internalError();
        }
        if (session == null) {
            LOG.warning(() -> "the WebSocket endpoint for " + handshake.path() + " returned no session");
            throw Refusal.internalError();
        }
        return session;
    }
}
