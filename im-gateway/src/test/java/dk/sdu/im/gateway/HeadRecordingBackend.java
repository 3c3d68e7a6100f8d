package dk.sdu.im.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/1.1 backend on a raw socket that records every request head exactly as it arrived and answers each
 * (none may have a body) {@code 200 ok} on a kept-alive connection: a test sees the very header lines the gateway
 * wrote, repeated lines and their order included.
 */
final class HeadRecordingBackend implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<String> heads = new LinkedBlockingQueue<>();

    HeadRecordingBackend(InetAddress address) throws IOException {
        this.server = new ServerSocket(0, 50, address);
        threads.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The next recorded head; fails the test if none arrives within 10 s. */
    String nextHead() throws InterruptedException {
        String head = heads.poll(10, TimeUnit.SECONDS);
        if (head == null) {
            throw new AssertionError("no request reached the backend");
        }
        return head;
    }

    /** The values of every line of the named field in {@code head}, in order. */
    static List<String> values(String head, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return Arrays.stream(head.split("\r\n"))
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(line -> line.substring(prefix.length()).strip())
                .toList();
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket socket = server.accept();
                threads.execute(() -> serve(socket));
            }
        } catch (IOException e) {
            // Closed by the test.
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (String head = BackendWire.head(in); head != null; head = BackendWire.head(in)) {
                heads.add(head);
                out.write(BackendWire.answer(200, "ok", false));
                out.flush();
            }
        } catch (IOException e) {
            // The gateway closed the connection.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
