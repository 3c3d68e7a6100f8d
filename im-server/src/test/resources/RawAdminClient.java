import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Speaks the admin IPC protocol by hand, as any local user could (no project code): sends Hello, then ListUsers, and
 * prints each reply's tag and payload, or CLOSED when IM/Server closed the connection instead.
 * Run as: java RawAdminClient.java SOCKET
 */
public class RawAdminClient {
    public static void main(String[] args) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(args[0]))) {
            exchange(channel, 0x41, "{\"protocol\":\"ucloud-im-ipc\",\"version\":6}");
            exchange(channel, 0x43, "{\"after\":\"\"}");
        }
    }

    private static void exchange(SocketChannel channel, int tag, String json) throws IOException {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocate(5 + payload.length).putInt(payload.length).put((byte) tag).put(payload).flip();
        try {
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
            ByteBuffer header = read(channel, 5);
            if (header == null) {
                System.out.println("CLOSED");
                System.exit(0);
            }
            int length = header.getInt();
            int replyTag = header.get() & 0xFF;
            ByteBuffer body = read(channel, length);
            System.out.printf("REPLY %02x %s%n", replyTag, body == null ? "" : StandardCharsets.UTF_8.decode(body));
        } catch (IOException e) {
            System.out.println("CLOSED");
            System.exit(0);
        }
    }

    private static ByteBuffer read(SocketChannel channel, int n) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(n);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                return null;
            }
        }
        return buffer.flip();
    }
}
