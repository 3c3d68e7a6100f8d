package dk.sdu.im.api.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP call on this listener, as the JDK's {@link HttpExchange}, so the provider API's dispatcher and the
 * chunked upload handler run here unchanged. Only what those handlers use is supported: request method, target,
 * fields and body; response fields, {@link #sendResponseHeaders} with the JDK's length rules (positive: that
 * many bytes; 0: chunked; -1: none) and the body. There is no {@link HttpContext} and no principal.
 *
 * <p>The head goes out when {@link #sendResponseHeaders} is called; it says {@code Connection: close} when the
 * request asked for that or spoke HTTP/1.0, and the connection then closes after the reply.
 */
final class SocketExchange extends HttpExchange {
    private final RequestHead head;
    private final URI uri;
    private final BodyInput body;
    private final OutputStream out;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private final Map<String, Object> attributes = new HashMap<>();
    private ReplyOutput reply;
    private int status = -1;
    private boolean failed;

    SocketExchange(RequestHead head, URI uri, BodyInput body, OutputStream out, InetSocketAddress local,
            InetSocketAddress remote) {
        this.head = head;
        this.uri = uri;
        this.body = body;
        this.out = out;
        this.local = local;
        this.remote = remote;
        head.fields().forEach((name, values) -> values.forEach(value -> requestHeaders.add(name, value)));
    }

    /** Whether the peer may send another request on this connection once this call has ended. */
    boolean keepsConnection() {
        return head.version().equals("HTTP/1.1") && !head.hasToken("connection", "close");
    }

    /** Whether the head was sent. */
    boolean answered() {
        return reply != null;
    }

    /** Whether the call ended with its reply whole and its request body read to the end. */
    boolean ended() {
        return reply != null && !failed && reply.intact() && body.complete();
    }

    BodyInput body() {
        return body;
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return uri;
    }

    @Override
    public String getRequestMethod() {
        return head.method();
    }

    /** @return null: handlers here are not mounted in a JDK context */
    @Override
    public HttpContext getHttpContext() {
        return null;
    }

    /**
     * Ends the reply body; the connection's own task decides whether it carries another request. A peer that went
     * away meanwhile leaves the reply not {@link #ended()}, and the connection closes.
     */
    @Override
    public void close() {
        if (reply == null) {
            return;
        }
        try {
            reply.close();
        } catch (IOException e) {
            failed = true;
        }
    }

    @Override
    public InputStream getRequestBody() {
        return body;
    }

    @Override
    public OutputStream getResponseBody() {
        if (reply == null) {
            throw new IllegalStateException("sendResponseHeaders must be called before the body is written");
        }
        return reply;
    }

    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        if (reply != null) {
            throw new IOException("the response head was already sent");
        }
        if (code < 200 || code > 999) {
            throw new IllegalArgumentException("not a final status: " + code);
        }
        ReplyOutput.Mode mode = mode(code, length);
        StringBuilder text = HttpReplies.statusLine(code);
        responseHeaders.forEach((name, values) -> {
            if (!framingField(name)) {
                values.forEach(value -> HttpReplies.field(text, name, value));
            }
        });
        switch (mode) {
            case LENGTH -> text.append("Content-Length: ").append(length).append("\r\n");
            case CHUNKED -> text.append("Transfer-Encoding: chunked\r\n");
            case NONE -> text.append(code == 204 || code == 304 ? "" : "Content-Length: 0\r\n");
            case UNTIL_CLOSE -> { }
        }
        if (!keepsConnection() || mode == ReplyOutput.Mode.UNTIL_CLOSE) {
            text.append("Connection: close\r\n");
        }
        out.write(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        status = code;
        reply = new ReplyOutput(out, head.method().equals("HEAD") ? ReplyOutput.Mode.NONE : mode, length);
        if (mode != ReplyOutput.Mode.UNTIL_CLOSE) {
            out.flush();
        }
    }

    private ReplyOutput.Mode mode(int code, long length) {
        if (length < 0 || code == 204 || code == 304 || head.method().equals("HEAD") && length == 0) {
            return ReplyOutput.Mode.NONE;
        }
        if (length > 0) {
            return ReplyOutput.Mode.LENGTH;
        }
        return head.version().equals("HTTP/1.1") ? ReplyOutput.Mode.CHUNKED : ReplyOutput.Mode.UNTIL_CLOSE;
    }

    /** Framing is this class's to write; a handler's own Content-Length or Transfer-Encoding is dropped. */
    private static boolean framingField(String name) {
        return List.of("content-length", "transfer-encoding", "connection").contains(name.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return remote;
    }

    @Override
    public int getResponseCode() {
        return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return local;
    }

    @Override
    public String getProtocol() {
        return head.version();
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        throw new UnsupportedOperationException("filters are not supported here");
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }
}
