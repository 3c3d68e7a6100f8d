package dk.sdu.im.ipc;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.newsclub.net.unix.AFUNIXSocket;

/**
 * The server's side of one connection as the conversations use it: framed reads (connection thread only),
 * framed writes (any thread, serialized), and the two checks every message passes, the handshake and the
 * permission table. The peer's {@link PeerKind} is set once, by {@link #handshake}.
 */
final class ServerLink {
    private final AFUNIXSocket socket;
    private final Peer peer;
    private final IpcServer.Settings settings;
    private final ScheduledFuture<?> handshakeDeadline;
    private final DataInputStream in;
    private final OutputStream out;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final PeerKind classified;
    private PeerKind kind;

    /** @param classified what the classifier said of {@code peer} when it was accepted; it applies from the handshake on */
    ServerLink(AFUNIXSocket socket, Peer peer, PeerKind classified, IpcServer.Settings settings,
               ScheduledFuture<?> handshakeDeadline) throws IOException {
        this.socket = socket;
        this.peer = peer;
        this.classified = classified;
        this.settings = settings;
        this.handshakeDeadline = handshakeDeadline;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
    }

    Peer peer() {
        return peer;
    }

    /** The peer and, once known, its kind: what every log line about this connection names. */
    String describe() {
        return kind == null ? peer.toString() : peer + " (" + kind + ")";
    }

    Frame read() throws IOException, ProtocolViolation {
        return Framing.read(in);
    }

    void write(Frame frame) throws IOException {
        writeLock.lock();
        try {
            Framing.write(out, frame);
        } finally {
            writeLock.unlock();
        }
    }

    void close() {
        UnixIpcServer.closeQuietly(socket);
    }

    /**
     * Completes the handshake for a decoded {@code Hello}: checks protocol name and version, takes on the peer's
     * kind (classified once, at accept), checks the table allows this direction's {@code Hello} for it, and sends {@code welcome}.
     *
     * @param refusal encodes this direction's {@code Refused} with a reason
     */
    void handshake(String protocol, int version, Record hello, Function<String, Frame> refusal, Frame welcome)
            throws IOException, ProtocolViolation {
        if (!IpcProtocol.NAME.equals(protocol)) {
            throw new ProtocolViolation("Hello names protocol \"" + protocol + "\", not " + IpcProtocol.NAME);
        }
        if (version != IpcProtocol.VERSION) {
            refuse(refusal, "unsupported IPC protocol version " + version + "; this server speaks version "
                    + IpcProtocol.VERSION);
        }
        kind = classified;
        authorize(hello, refusal);
        write(welcome);
        handshakeDeadline.cancel(false);
        if (kind == PeerKind.LOCAL_USER) {
            socket.setSoTimeout(Math.toIntExact(settings.handshakeTimeout().toMillis()));
        }
    }

    /** Checks the permission table; a message it does not allow is refused and ends the connection. */
    void authorize(Record message, Function<String, Frame> refusal) throws ProtocolViolation {
        if (!settings.permissions().allows(kind, message.getClass())) {
            refuse(refusal, message.getClass().getSimpleName() + " is not permitted for this peer (" + kind
                    + ", uid " + peer.uid() + ")");
        }
    }


    /** Tells an honest client why, then ends the connection; the reason goes to both sides' logs. */
    private void refuse(Function<String, Frame> refusal, String reason) throws ProtocolViolation {
        try {
            write(refusal.apply(reason));
        } catch (IOException e) {
            // The connection is being closed for the violation anyway.
        }
        throw new ProtocolViolation(reason);
    }
}
