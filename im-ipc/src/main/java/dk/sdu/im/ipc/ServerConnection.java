package dk.sdu.im.ipc;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.newsclub.net.unix.AFUNIXSocket;

/**
 * One accepted connection, on its own thread: reads the peer's credentials, starts the handshake
 * deadline, picks the conversation from the tag of the first frame, and logs and closes on any violation.
 * Nothing the peer sends reaches a handler before {@link ServerLink#handshake} and
 * {@link ServerLink#authorize} passed.
 */
final class ServerConnection implements Runnable {
    private static final Logger LOG = Logger.getLogger(ServerConnection.class.getName());

    private final AFUNIXSocket socket;
    private final Peer peer;
    private final PeerKind kind;
    private final IpcServer.Settings settings;
    private final ScheduledExecutorService watchdog;
    private final LogThrottle throttled;
    private final Consumer<ServerConnection> onEnd;
    private volatile boolean handshakeExpired;

    /** @param peer the kernel's credentials of the peer, read when it was accepted, and {@code kind} its class then */
    ServerConnection(AFUNIXSocket socket, Peer peer, PeerKind kind, IpcServer.Settings settings,
                     ScheduledExecutorService watchdog, LogThrottle throttled, Consumer<ServerConnection> onEnd) {
        this.socket = socket;
        this.peer = peer;
        this.kind = kind;
        this.settings = settings;
        this.watchdog = watchdog;
        this.throttled = throttled;
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        String who = "an unidentified peer";
        ScheduledFuture<?> deadline = null;
        try (socket) {
            deadline = watchdog.schedule(this::expireHandshake, settings.handshakeTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            ServerLink link = new ServerLink(socket, peer, kind, settings, deadline);
            try {
                converse(link);
            } finally {
                who = link.describe();
            }
        } catch (ProtocolViolation e) {
            warnClosing(handshakeExpired ? "no handshake" : "violation", who, handshakeExpired ? expiry() : e.getMessage());
        } catch (SocketTimeoutException e) {
            warnClosing("idle", who, "idle for longer than " + settings.handshakeTimeout());
        } catch (IOException e) {
            if (handshakeExpired) {
                warnClosing("no handshake", who, expiry());
            } else {
                logClosing(Level.FINE, who, "connection ended: " + e, null);
            }
        } catch (RejectedExecutionException e) {
            logClosing(Level.FINE, who, "the server is stopping", null);
        } catch (RuntimeException e) {
            logClosing(Level.SEVERE, who, "server-side failure", e);
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
            onEnd.accept(this);
        }
    }

    /** Closes the connection from any thread; the connection thread then ends and logs. */
    void close() {
        UnixIpcServer.closeQuietly(socket);
    }

    private void converse(ServerLink link) throws IOException, ProtocolViolation {
        Frame first = link.read();
        if (first == null && handshakeExpired) {
            throw new ProtocolViolation(expiry()); // the watchdog's close can look like an orderly end
        } else if (first == null) {
            LOG.fine(() -> "IPC: " + link.describe() + " closed before its Hello");
        } else if (Codec.INSTANCE_TO_SERVER.knows(first.tag())) {
            new InstanceConversation(link, settings.instances()).run(first);
        } else if (Codec.ADMIN_TO_SERVER.knows(first.tag())) {
            new AdminConversation(link, settings.admins()).run(first);
        } else {
            throw new ProtocolViolation(String.format("the first frame has tag 0x%02x, which opens no conversation",
                    first.tag()));
        }
    }

    private String expiry() {
        return "no handshake within " + settings.handshakeTimeout();
    }

    private void expireHandshake() {
        handshakeExpired = true;
        close();
    }

    /**
     * A peer's misbehaviour, which a hostile local user can repeat at will: one line per kind and uid per window, in the
     * log and in the audit trail.
     */
    private void warnClosing(String kind, String who, String reason) {
        if (throttled.log(Level.WARNING, kind + " uid " + peer.uid(),
                () -> "IPC: closing the connection from " + who + ": " + printable(reason))) {
            IpcAudit.peerRefused(peer, this.kind, printable(reason));
        }
    }

    private static void logClosing(Level level, String who, String reason, Throwable failure) {
        LOG.log(level, "IPC: closing the connection from " + who + ": " + printable(reason), failure);
    }

    /** Violation messages can quote what the peer sent; keep the log one line per event. */
    static String printable(String text) {
        String oneLine = String.valueOf(text).replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}
