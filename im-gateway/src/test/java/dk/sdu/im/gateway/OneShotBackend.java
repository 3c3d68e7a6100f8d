package dk.sdu.im.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A misbehaving backend on a raw socket: it reads one request head (never the body), writes a fixed
 * answer, and closes. For responses a well-behaved server would not send.
 */
final class OneShotBackend implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    OneShotBackend(String answer) throws IOException {
        server = new ServerSocket(0, 1, GatewayFixture.LOOPBACK);
        threads.execute(() -> answerOnce(answer));
    }

    int port() {
        return server.getLocalPort();
    }

    private void answerOnce(String answer) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
            }
            socket.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            // The test sees the consequences on its side.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
