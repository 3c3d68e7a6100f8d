package dk.sdu.im.gateway;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the request heads of one client connection within its {@link ClientLimits}. The first byte of a request
 * must come within the head timeout on a new connection and within the keep-alive timeout between requests; the
 * whole head within the head timeout, as a deadline across reads (each read waits only for what is left), so a
 * client trickling a byte now and then cannot stretch it. The request line is bounded by its own limit and parsed
 * as soon as it is read; then come at most the configured number of field lines, all within
 * {@code maxHeaderBytes}. Reading stops exactly at the end of the head; afterwards reads time out after the idle
 * timeout again.
 */
final class RequestReader {
    private final Endpoint client;
    private final ClientLimits limits;
    private final int maxHeadBytes;
    private final int idleMillis;
    private boolean first = true;

    RequestReader(Endpoint client, ProxyContext context) {
        this.client = client;
        this.limits = context.limits();
        this.maxHeadBytes = context.maxHeaderBytes();
        this.idleMillis = millis(context.idleTimeout().toNanos());
    }

    /**
     * The next request head; empty if the client closed the connection, or sent no byte of another request in time
     * (then nobody waits for an answer).
     *
     * @throws BadHead if the head is malformed or over a limit
     * @throws SocketTimeoutException if the head began but did not arrive whole within the head timeout
     * @throws EOFException if the client closed the connection inside the head
     */
    Optional<RequestHead> next() throws IOException {
        long start = System.nanoTime();
        try {
            if (!firstByteWithin(first ? limits.headTimeout() : limits.keepAliveTimeout())) {
                return Optional.empty();
            }
            long deadline = (first ? start : System.nanoTime()) + limits.headTimeout().toNanos();
            first = false;
            return Optional.of(head(new Deadline(client, deadline), maxHeadBytes, limits));
        } finally {
            client.socket().setSoTimeout(idleMillis);
        }
    }

    /** Waits for the next byte without taking it; false if the stream ended or nothing came within {@code wait}. */
    private boolean firstByteWithin(Duration wait) throws IOException {
        EndpointInput in = client.in();
        if (in.buffered() > 0) {
            return true;
        }
        client.socket().setSoTimeout(millis(wait.toNanos()));
        in.mark(1);
        try {
            if (in.read() < 0) {
                return false;
            }
        } catch (SocketTimeoutException e) {
            return false;
        }
        in.reset();
        return true;
    }

    /**
     * One request head read from {@code in}, exactly to its empty line, within {@code limits} and {@code maxHeadBytes}.
     * Empty lines before the request line are skipped (RFC 9112 2.2) and count towards the head's size.
     *
     * @throws BadHead if the head is malformed or over a limit
     * @throws EOFException if the stream ends inside the head
     */
    static RequestHead head(InputStream in, int maxHeadBytes, ClientLimits limits) throws IOException {
        int budget = maxHeadBytes;
        String line;
        do {
            line = requestLine(in, budget, limits);
            budget -= line.length() + 2;
        } while (line.isEmpty());
        RequestLine requestLine = RequestLine.parse(line);
        List<String> fields = new ArrayList<>();
        for (String field = line(in, budget); !field.isEmpty(); field = line(in, budget)) {
            if (fields.size() == limits.maxHeaderFields()) {
                throw new BadHead(BadHead.Kind.TOO_MANY_FIELDS, "more than " + fields.size() + " header fields");
            }
            budget -= field.length() + 2;
            fields.add(field);
        }
        return requestLine.with(HeaderFields.parse(fields));
    }

    private static String requestLine(InputStream in, int budget, ClientLimits limits) throws IOException {
        int limit = Math.min(budget, limits.maxRequestLineBytes());
        try {
            return line(in, limit);
        } catch (BadHead e) {
            if (e.kind() == BadHead.Kind.TOO_LARGE && limit == limits.maxRequestLineBytes()) {
                throw new BadHead(BadHead.Kind.LINE_TOO_LONG, "request line: " + e.getMessage());
            }
            throw e;
        }
    }

    private static String line(InputStream in, int limit) throws IOException {
        String line = LineReader.readLine(in, limit);
        if (line == null) {
            throw new EOFException("the stream ended inside a request head");
        }
        return line;
    }

    private static int millis(long nanos) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(nanos).toMillis()));
    }

    /** The client's input, where every read that has to wait for the socket waits only for what is left of the head's time. */
    private static final class Deadline extends FilterInputStream {
        private final Endpoint client;
        private final long deadlineNanos;

        Deadline(Endpoint client, long deadlineNanos) {
            super(client.in());
            this.client = client;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public int read() throws IOException {
            arm();
            return super.read();
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            arm();
            return super.read(bytes, offset, length);
        }

        private void arm() throws IOException {
            if (client.in().buffered() > 0) {
                return;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("the request head did not arrive within the head timeout");
            }
            client.socket().setSoTimeout(millis(left));
        }
    }
}
