import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Run as a local user: keeps {@code count} connections to the IPC socket open for {@code seconds}, saying nothing on
 * them, and opens a new one for each the server closes. Prints "OPENED" once the first round is out, then the number
 * of connections it made in all.
 */
public class IpcFlood {
    public static void main(String[] args) throws Exception {
        var socket = UnixDomainSocketAddress.of(args[0]);
        int count = Integer.parseInt(args[1]);
        long end = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        List<SocketChannel> held = new ArrayList<>();
        long made = 0;
        for (int i = 0; i < count; i++, made++) {
            held.add(open(socket));
        }
        System.out.println("OPENED");
        System.out.flush();
        ByteBuffer probe = ByteBuffer.allocate(16);
        while (System.nanoTime() < end) {
            for (int i = 0; i < held.size(); i++) {
                probe.clear();
                if (held.get(i).read(probe) < 0) {
                    held.get(i).close();
                    held.set(i, open(socket));
                    made++;
                }
            }
        }
        System.out.println("MADE " + made);
    }

    private static SocketChannel open(UnixDomainSocketAddress socket) throws IOException {
        SocketChannel channel = SocketChannel.open(socket);
        channel.configureBlocking(false);
        return channel;
    }
}
