package dk.sdu.im.ipc;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A client's end of the socket, on the JDK's own unix-domain {@link SocketChannel} (no junixsocket, no
 * native code): framed reads and writes that may run concurrently on two threads. The streams are thin
 * adapters over the channel on purpose: {@code Channels.newInputStream} would hold the channel's blocking
 * lock while a read waits, and the writer could not get in.
 */
final class ClientLink {
    private final Path socketPath;
    private final SocketChannel channel;
    private final DataInputStream in;
    private final OutputStream out;

    private ClientLink(Path socketPath, SocketChannel channel) {
        this.socketPath = socketPath;
        this.channel = channel;
        this.in = new DataInputStream(new BufferedInputStream(new ChannelInput(channel)));
        this.out = new ChannelOutput(channel);
    }

    /** @throws IOException if nothing listens at {@code socketPath} or this user may not open it */
    static ClientLink connect(Path socketPath) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socketPath));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new ClientLink(socketPath, channel);
    }

    /** The server's end of a connection it accepted (only {@link RehearsalServer}: IM/Server uses junixsocket). */
    static ClientLink accepted(Path socketPath, SocketChannel channel) {
        return new ClientLink(socketPath, channel);
    }

    Frame read() throws IOException, ProtocolViolation {
        return Framing.read(in);
    }

    /** Not thread-safe: callers serialize their writes. */
    void write(Frame frame) throws IOException {
        Framing.write(out, frame);
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing more to do with a connection we are abandoning.
        }
    }

    IpcClosed closed(String why) {
        return new IpcClosed("IPC connection to " + socketPath + " " + why);
    }

    /** The server refused the handshake with a reason. */
    IpcClosed refused(String reason) {
        return new IpcClosed("IPC connection to " + socketPath + " was refused: " + reason, null, true);
    }

    IpcClosed closed(String why, Throwable cause) {
        return new IpcClosed("IPC connection to " + socketPath + " " + why, cause);
    }

    private static final class ChannelInput extends InputStream {
        private final SocketChannel channel;

        ChannelInput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            return length == 0 ? 0 : channel.read(ByteBuffer.wrap(bytes, offset, length));
        }
    }

    private static final class ChannelOutput extends OutputStream {
        private final SocketChannel channel;

        ChannelOutput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }
}
