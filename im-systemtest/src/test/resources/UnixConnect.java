import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** Run as a local user: connects to a unix socket, sends one line and prints what comes back, or why it could not. */
public class UnixConnect {
    public static void main(String[] args) throws Exception {
        try (var channel = SocketChannel.open(UnixDomainSocketAddress.of(args[0]))) {
            channel.write(ByteBuffer.wrap((args[1] + "\n").getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer answer = ByteBuffer.allocate(4096);
            channel.read(answer);
            System.out.println("ANSWERED " + new String(answer.array(), 0, answer.position(), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            System.out.println("REFUSED " + e.getMessage());
        }
    }
}
