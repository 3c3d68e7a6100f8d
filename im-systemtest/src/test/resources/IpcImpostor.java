import dk.sdu.im.ipc.InstanceToServer;
import dk.sdu.im.ipc.IpcClient;
import dk.sdu.im.ipc.ServerToInstance;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** Run as a local user who is not a launched instance: tries to register a route, or sends garbage. */
public class IpcImpostor {
    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        if (args[1].equals("garbage")) {
            try (var channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                channel.write(ByteBuffer.wrap(new byte[] {(byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3}));
                int read = channel.read(ByteBuffer.allocate(16));
                System.out.println(read < 0 ? "closed" : "answered");
            }
            return;
        }
        try (var connection = IpcClient.connectAsInstance(socket, m -> { })) {
            var reply = connection.request(new InstanceToServer.Register(Integer.parseInt(args[1])));
            System.out.println(reply instanceof ServerToInstance.Assigned ? "ASSIGNED" : "refused: " + reply);
            System.exit(reply instanceof ServerToInstance.Assigned ? 3 : 0);
        } catch (RuntimeException | java.io.IOException e) {
            System.out.println("closed: " + e);
        }
    }
}
