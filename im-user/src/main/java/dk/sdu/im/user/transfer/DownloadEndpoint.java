package dk.sdu.im.user.transfer;

import dk.sdu.im.api.log.RequestLog;
import dk.sdu.im.api.http.Handshake;
import dk.sdu.im.api.http.PlainEndpoint;
import dk.sdu.im.api.http.PlainReply;
import java.io.IOException;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves {@link DownloadResponder} on IM/User's listener as a {@link PlainEndpoint}, at
 * {@link DownloadService#downloadPath()}; the gateway routes that path there. It needs no JWT (contract 2.4). The
 * file goes from the page cache to the socket with sendfile ({@link PlainReply#file}), one connection per download.
 *
 * <p>Only the adapter lives here: send the head, then the body by its kind, close. A client that goes away
 * mid-download surfaces as an IOException while sending; it is logged at FINE and ends that one connection. One
 * request-log line per download, written when the body is done (its duration is the whole transfer;
 * {@code .aborted} if it did not finish).
 *
 * <p>{@code onActivity} (IM/User's idle clock) runs only for requests whose token was accepted, so refused
 * requests cannot keep an instance alive: when the reply starts, after every 16 MiB sent, and when it ends, so a
 * long download does not look idle.
 */
public final class DownloadEndpoint implements PlainEndpoint {
    private static final Logger LOG = Logger.getLogger(DownloadEndpoint.class.getName());
    private static final String CALL = "files.download.get";

    private final DownloadResponder responder;
    private final RequestLog log;
    private final Runnable onActivity;
    private final TransferMeter meter;

    public DownloadEndpoint(DownloadResponder responder, RequestLog log, Runnable onActivity) {
        this(responder, log, onActivity, TransferMeter.NONE);
    }

    /** @param meter told of the file bytes sent and of each download while it runs */
    public DownloadEndpoint(DownloadResponder responder, RequestLog log, Runnable onActivity, TransferMeter meter) {
        this.meter = Objects.requireNonNull(meter, "meter");
        this.responder = Objects.requireNonNull(responder, "responder");
        this.log = Objects.requireNonNull(log, "log");
        this.onActivity = Objects.requireNonNull(onActivity, "onActivity");
    }

    @Override
    public void serve(Handshake request, PlainReply out) throws IOException {
        long started = System.nanoTime();
        DownloadReply reply = responder.respond(new DownloadResponder.Request(request.method(), request.rawPath(),
                request.rawQuery(), request.header("Range"), request.header("If-Range")));
        Runnable activity = reply.user() == null ? () -> { } : onActivity;
        activity.run();
        String outcome = ".aborted";
        meter.started(Operation.DOWNLOAD);
        try (reply) {
            send(reply, out, activity);
            outcome = "";
        } catch (IOException e) {
            LOG.log(Level.FINE, "a download ended early (the client went away?)", e);
            throw e;
        } finally {
            meter.moved(Operation.DOWNLOAD, out.bodyBytes());
            meter.ended(Operation.DOWNLOAD);
            activity.run();
            log.request(CALL + outcome, reply.user() == null ? "-" : reply.user(), reply.status(), System.nanoTime() - started);
        }
    }

    private static void send(DownloadReply reply, PlainReply out, Runnable activity) throws IOException {
        out.head(reply.status(), reply.headers());
        switch (reply.body()) {
            case DownloadReply.None none -> { }
            case DownloadReply.Bytes bytes -> out.bytes(bytes.bytes());
            case DownloadReply.FileSlice slice -> out.file(slice.channel(), slice.offset(), slice.length(), activity);
        }
    }
}
