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
 * Reads one request and decides it. A request that is not an upgrade, to a path with a {@link PlainEndpoint}, is
 * handed to that endpoint if it has no body. Anything else must be an upgrade: parse the head, find the endpoint
 * by exact path, check the upgrade fields, then ask the endpoint. Checks run in that order, so a plain request to
 * an unknown path gets 404 and a version other than 13 gets 426 only where an endpoint exists.
 */
final class OpeningHandshake {
    private static final Logger LOG = Logger.getLogger(OpeningHandshake.class.getName());

    /** What a request turned out to be. */
    sealed interface Opening permits Accepted, Plain {
    }

    /** An accepted upgrade: the session to run and the {@code Sec-WebSocket-Accept} value for the 101. */
    record Accepted(SocketSession session, String acceptKey) implements Opening {
    }

    /** A plain request for {@code endpoint}. */
    record Plain(PlainEndpoint endpoint, Handshake request) implements Opening {
    }

    private final Map<String, SocketEndpoint> endpoints;
    private final Map<String, PlainEndpoint> plainEndpoints;
    private final int maxHeadBytes;

    OpeningHandshake(Map<String, SocketEndpoint> endpoints, Map<String, PlainEndpoint> plainEndpoints, int maxHeadBytes) {
        this.endpoints = endpoints;
        this.plainEndpoints = plainEndpoints;
        this.maxHeadBytes = maxHeadBytes;
    }

    /**
     * The accepted request; empty if the connection ended before its first byte.
     *
     * @throws Refusal for every request that is not switched
     * @throws IOException if the connection fails or times out while the head is read
     */
    Optional<Opening> read(InputStream in, InetAddress peer) throws IOException, Refusal {
        Optional<List<String>> lines = HeadReader.read(in, maxHeadBytes);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        RequestHead head = RequestHead.parse(lines.get());
        RequestTarget target = RequestTarget.parse(head.target());
        PlainEndpoint plain = plainEndpoints.get(target.path());
        if (plain != null && !head.hasToken("upgrade", "websocket")) {
            return Optional.of(new Plain(plain, plainRequest(head, target, peer)));
        }
        UpgradeRequest.checkRequestLine(head);
        SocketEndpoint endpoint = endpoints.get(target.path());
        if (endpoint == null) {
            throw Refusal.notFound(target.path());
        }
        String key = UpgradeRequest.clientKey(head);
        return Optional.of(new Accepted(decide(endpoint, request(head, target, peer)), AcceptKey.of(key)));
    }

    /**
     * A plain request, which must have no body: nothing would read it, and a body left unread would be taken for
     * the next request by a peer that keeps connections.
     */
    private static Handshake plainRequest(RequestHead head, RequestTarget target, InetAddress peer) throws Refusal {
        if (!head.version().equals("HTTP/1.1") && !head.version().equals("HTTP/1.0")) {
            throw Refusal.badRequest("Only HTTP/1.1 and HTTP/1.0 are served");
        }
        boolean noLength = head.values("content-length").stream().allMatch("0"::equals);
        if (!noLength || !head.values("transfer-encoding").isEmpty()) {
            throw Refusal.badRequest("A request to " + target.path() + " must not have a body");
        }
        return request(head, target, peer);
    }

    private static Handshake request(RequestHead head, RequestTarget target, InetAddress peer) {
        return new Handshake(head.method(), target.rawPath(), target.rawQuery(), target.path(), target.query(), head.fields(),
                peer);
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
