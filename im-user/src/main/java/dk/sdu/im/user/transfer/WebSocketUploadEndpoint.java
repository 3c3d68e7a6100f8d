package dk.sdu.im.user.transfer;

import dk.sdu.im.user.websocket.Handshake;
import dk.sdu.im.user.websocket.SocketEndpoint;
import dk.sdu.im.user.websocket.SocketSession;
import java.util.Objects;

/**
 * The WEBSOCKET_V2 upload URL ({@code /ucloud/<id>/upload?token=..&usernameHint=..}, contract 2.4 and 6.2) on
 * IM/User's WebSocket listener. The token is the only credential: one this instance issued for an upload, not
 * expired, whose user the hint (if any) names; anything else is refused with 404 before the upgrade.
 */
public final class WebSocketUploadEndpoint implements SocketEndpoint {
    private final UploadService uploads;
    private final Runnable onActivity;

    public WebSocketUploadEndpoint(UploadService uploads, Runnable onActivity) {
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.onActivity = Objects.requireNonNull(onActivity, "onActivity");
    }

    @Override
    public SocketSession accept(Handshake handshake) {
        String token = handshake.query("token");
        UploadSession session = uploads.redeem(token, handshake.query("usernameHint"));
        onActivity.run();
        return socket -> new WebSocketUpload(session, uploads, token, WebSocketUpload.Limits.DEFAULT, onActivity).run(socket);
    }
}
