package dk.sdu.im.user.transfer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dk.sdu.im.api.log.RequestLog;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves {@link DownloadResponder} on the JDK HTTP server: mount it at {@link DownloadService#downloadPath()}
 * of IM/User's loopback listener, beside the RPC dispatcher; it needs no JWT (contract 2.4).
 *
 * <p>Only the adapter lives here: copy the reply's headers, send the head, stream the body, close. A client
 * that goes away mid-download surfaces as an IOException while writing; it is logged at FINE and the
 * exchange is closed, which drops that one connection and nothing else. One request-log line per download,
 * written when the body is done (its duration is the whole transfer; {@code .aborted} if it did not finish).
 *
 * <p>{@code onActivity} (IM/User's idle clock) runs only for requests whose token was accepted, so refused
 * requests cannot keep an instance alive: when the reply starts, after every {@value #ACTIVITY_BYTES} bytes
 * sent, and when it ends, so a long download does not look idle.
 */
public final class DownloadHandler implements HttpHandler {
    static final long ACTIVITY_BYTES = 16L * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(DownloadHandler.class.getName());
    private static final String CALL = "files.download.get";

    private final DownloadResponder responder;
    private final RequestLog log;
    private final Runnable onActivity;

    public DownloadHandler(DownloadResponder responder, RequestLog log) {
        this(responder, log, () -> { });
    }

    public DownloadHandler(DownloadResponder responder, RequestLog log, Runnable onActivity) {
        this.responder = Objects.requireNonNull(responder, "responder");
        this.log = Objects.requireNonNull(log, "log");
        this.onActivity = Objects.requireNonNull(onActivity, "onActivity");
    }

    @Override
    public void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        var request = new DownloadResponder.Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Range"),
                exchange.getRequestHeaders().getFirst("If-Range"));
        DownloadReply reply = responder.respond(request);
        Runnable activity = reply.user() == null ? () -> { } : onActivity;
        activity.run();
        String outcome = "";
        try (exchange; reply) {
            send(exchange, reply, activity);
        } catch (IOException e) {
            outcome = ".aborted";
            LOG.log(Level.FINE, "a download ended early (the client went away?)", e);
        }
        activity.run();
        log.request(CALL + outcome, reply.user() == null ? "-" : reply.user(), reply.status(), System.nanoTime() - started);
    }

    private static void send(HttpExchange exchange, DownloadReply reply, Runnable activity) throws IOException {
        var headers = exchange.getResponseHeaders();
        reply.headers().forEach(headers::set);
        long length = reply.body().length();
        // The JDK server writes Content-Length itself from a positive length; -1 means "no body". For HEAD it
        // keeps the Content-Length set above, which is what HEAD must report.
        exchange.sendResponseHeaders(reply.status(), length > 0 ? length : -1);
        if (length > 0) {
            reply.body().writeTo(new ActivityStream(exchange.getResponseBody(), activity));
        }
    }

    /** Passes bytes through and runs {@code activity} after every {@link #ACTIVITY_BYTES}. */
    private static final class ActivityStream extends FilterOutputStream {
        private final Runnable activity;
        private long sinceLast;

        ActivityStream(OutputStream out, Runnable activity) {
            super(out);
            this.activity = activity;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            sinceLast += length;
            if (sinceLast >= ACTIVITY_BYTES) {
                sinceLast = 0;
                activity.run();
            }
        }
    }
}
