package dk.sdu.im.server.ingress;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** A unix socket that answers each one-line command as {@code answers} says and closes, as HAProxy's runtime API does. */
final class FakeRuntimeApi implements AutoCloseable {
    final List<String> commands = new CopyOnWriteArrayList<>();
    private final ServerSocketChannel server;

    private FakeRuntimeApi(ServerSocketChannel server, UnaryOperator<String> answers) {
        this.server = server;
        Thread.ofVirtual().start(() -> {
            while (server.isOpen()) {
                try (SocketChannel client = server.accept()) {
                    String command = readLine(client);
                    commands.add(command);
                    client.write(ByteBuffer.wrap(answers.apply(command).getBytes(StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    static FakeRuntimeApi start(Path socket, UnaryOperator<String> answers) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return new FakeRuntimeApi(server, answers);
    }

    private static String readLine(SocketChannel client) throws IOException {
        var line = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (client.read(one) > 0) {
            char c = (char) one.flip().get();
            one.clear();
            if (c == '\n') {
                break;
            }
            line.append(c);
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
