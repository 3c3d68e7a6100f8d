package dk.sdu.im.user.transfer;

import dk.sdu.im.api.log.RequestLog;
import dk.sdu.im.api.rpc.UsernameHints;
import dk.sdu.im.api.http.Handshake;
import dk.sdu.im.api.http.SocketEndpoint;
import dk.sdu.im.api.http.SocketSession;
import java.util.Objects;

/**
 * The WEBSOCKET_V2 upload URL ({@code /ucloud/<id>/upload?token=..&usernameHint=..}, contract 2.4 and 6.2) on
 * IM/User's WebSocket listener. The token is the only credential: one this instance issued for an upload, not
 * expired, whose user the hint (if any) names; anything else is refused with 404 before the upgrade. One request
 * log line per session when it ends ({@code files.upload.websocket}, status 101, the whole session's duration).
 */
public final class WebSocketUploadEndpoint implements SocketEndpoint {
    private final UploadService uploads;
    private final TransferMeter meter;
    private final Runnable onActivity;
    private final RequestLog log;

    public WebSocketUploadEndpoint(UploadService uploads, Runnable onActivity, RequestLog log) {
        this(uploads, onActivity, log, TransferMeter.NONE);
    }

    /** @param meter told of the file bytes each session brings and of each session while it runs */
    public WebSocketUploadEndpoint(UploadService uploads, Runnable onActivity, RequestLog log, TransferMeter meter) {
        this.meter = Objects.requireNonNull(meter, "meter");
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.onActivity = Objects.requireNonNull(onActivity, "onActivity");
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public SocketSession accept(Handshake handshake) {
        String token = handshake.query("token");
        UploadSession session = uploads.redeem(token, new UsernameHints(handshake.queryValues("usernameHint")));
        onActivity.run();
        long started = System.nanoTime();
        return socket -> {
            meter.started(Operation.UPLOAD);
            try {
                new WebSocketUpload(session, uploads, token, WebSocketUpload.Limits.DEFAULT, onActivity, meter).run(socket);
            } finally {
                meter.ended(Operation.UPLOAD);
                log.request("files.upload.websocket", session.ucloudUser(), 101, System.nanoTime() - started);
            }
        };
    }
}
