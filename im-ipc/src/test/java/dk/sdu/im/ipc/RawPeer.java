package dk.sdu.im.ipc;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * A hostile or broken client: writes whatever bytes a test wants and reads raw frames, with a read timeout so
 * a test never hangs. Uses junixsocket only for the timeout.
 */
final class RawPeer implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 5_000;

    private final AFUNIXSocket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawPeer(AFUNIXSocket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(TIMEOUT_MILLIS);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawPeer connect(Path path) throws IOException {
        return new RawPeer(AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(path)));
    }

    RawPeer send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    RawPeer send(Frame frame) throws IOException {
        Framing.write(out, frame);
        return this;
    }

    RawPeer sendJson(int tag, String json) throws IOException {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        return send(ByteBuffer.allocate(5 + payload.length).putInt(payload.length).put((byte) tag).put(payload)
                .array());
    }

    /** Sends a valid instance Hello and expects the Welcome. */
    RawPeer helloAsInstance() throws IOException, ProtocolViolation {
        send(Codec.INSTANCE_TO_SERVER.encode(new InstanceToServer.Hello(IpcProtocol.NAME, IpcProtocol.VERSION)));
        ServerToInstance welcome = Codec.SERVER_TO_INSTANCE.decode(readFrame());
        if (!(welcome instanceof ServerToInstance.Welcome)) {
            throw new AssertionError("expected Welcome, got " + welcome);
        }
        return this;
    }

    /** The next frame; fails the test if the server closed or stayed silent. */
    Frame readFrame() throws IOException, ProtocolViolation {
        Frame frame = Framing.read(in);
        if (frame == null) {
            throw new AssertionError("the server closed the connection instead of answering");
        }
        return frame;
    }

    /** Whether the server closed the connection (rather than sending more or staying silent until timeout). */
    /** Whether the server closes this connection within {@code millis}; a connection it keeps reads as false. */
    boolean closedWithin(int millis) {
        try {
            socket.setSoTimeout(millis);
            return closedByServer();
        } catch (IOException e) {
            return true;
        }
    }

    boolean closedByServer() throws IOException {
        try {
            return drain(in) < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server counts as closed
        }
    }

    private static int drain(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        int n;
        do {
            n = in.read(buffer);
        } while (n > 0);
        return n;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
