package dk.sdu.im.api.http;

import com.sun.net.httpserver.HttpHandler;
import dk.sdu.im.api.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads one request and decides it. A request that is not an upgrade, to a path with a {@link PlainEndpoint}, is
 * handed to that endpoint if it has no body; to a path under a call handler's prefix, it becomes a {@link Call}
 * (the provider API's calls and chunked uploads). Anything else must be an upgrade: parse the head, find the endpoint
 * by exact path, check the upgrade fields, then ask the endpoint. Checks run in that order, so a plain request to
 * an unknown path gets 404 and a version other than 13 gets 426 only where an endpoint exists.
 */
final class OpeningHandshake {
    private static final Logger LOG = Logger.getLogger(OpeningHandshake.class.getName());

    /** What a request turned out to be. */
    sealed interface Opening permits Accepted, Plain, Call {
    }

    /** An accepted upgrade: the session to run and the {@code Sec-WebSocket-Accept} value for the 101. */
    record Accepted(SocketSession session, String acceptKey) implements Opening {
    }

    /** A plain request for {@code endpoint}. */
    record Plain(PlainEndpoint endpoint, Handshake request) implements Opening {
    }

    /** An HTTP call for {@code handler}, with its body's framing already checked. */
    record Call(HttpHandler handler, RequestHead head, URI uri, BodyFraming framing) implements Opening {
        /** Whether the client waits for {@code 100 Continue} before it sends the body. */
        boolean expectsContinue() {
            return !(framing instanceof BodyFraming.None) && head.version().equals("HTTP/1.1")
                    && head.hasToken("expect", "100-continue");
        }
    }

    private final Map<String, SocketEndpoint> endpoints;
    private final Map<String, PlainEndpoint> plainEndpoints;
    private final Map<String, HttpHandler> calls;
    private final int maxHeadBytes;

    OpeningHandshake(HttpListener.Endpoints endpoints, int maxHeadBytes) {
        this.endpoints = endpoints.upgrades();
        this.plainEndpoints = endpoints.plain();
        this.calls = endpoints.calls();
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
        boolean upgrade = head.hasToken("upgrade", "websocket");
        PlainEndpoint plain = plainEndpoints.get(target.path());
        if (plain != null && !upgrade) {
            return Optional.of(new Plain(plain, plainRequest(head, target, peer)));
        }
        HttpHandler handler = upgrade ? null : callHandler(target.path());
        if (handler != null) {
            requireHttp1(head);
            return Optional.of(new Call(handler, head, uri(head), BodyFraming.of(head)));
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
        requireHttp1(head);
        boolean noLength = head.values("content-length").stream().allMatch("0"::equals);
        if (!noLength || !head.values("transfer-encoding").isEmpty()) {
            throw Refusal.badRequest("A request to " + target.path() + " must not have a body");
        }
        return request(head, target, peer);
    }

    private static void requireHttp1(RequestHead head) throws Refusal {
        if (!head.version().equals("HTTP/1.1") && !head.version().equals("HTTP/1.0")) {
            throw Refusal.badRequest("Only HTTP/1.1 and HTTP/1.0 are served");
        }
    }

    /** The handler mounted at the longest path prefix of {@code path}, as the JDK's server finds its contexts. */
    private HttpHandler callHandler(String path) {
        String best = null;
        for (String prefix : calls.keySet()) {
            if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : calls.get(best);
    }

    /** The target as a {@link URI}, which the JDK's handlers expect; one it cannot parse is a 400, as there. */
    private static URI uri(RequestHead head) throws Refusal {
        try {
            return new URI(head.target());
        } catch (URISyntaxException e) {
            throw Refusal.badRequest("The request target is not a valid URI");
        }
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
