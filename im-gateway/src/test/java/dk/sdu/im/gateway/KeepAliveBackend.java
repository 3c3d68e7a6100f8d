package dk.sdu.im.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 backend on a raw socket that keeps connections open and numbers them: each response body is
 * {@code connection=N request=M} plus the request's {@code ucloud-username} and {@code Connection} fields, so a
 * test sees which backend connection carried which request. {@link Mode} makes it misbehave as a test needs.
 */
final class KeepAliveBackend implements AutoCloseable {
    enum Mode {
        /** Keeps every connection open between requests. */
        KEEP,
        /** Answers, then closes the connection without saying so (as a backend's idle timer would). */
        CLOSE_SILENTLY,
        /** Answers with {@code Connection: close}, then keeps the socket open anyway. */
        SAY_CLOSE,
        /** Answers a request with a body 413 before reading it, then keeps the connection (the body is unread). */
        ANSWER_EARLY
    }

    private final ServerSocket server;
    private final Mode mode;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final List<String> requestHeads = new CopyOnWriteArrayList<>();

    KeepAliveBackend(Mode mode) throws IOException {
        this.mode = mode;
        this.server = new ServerSocket(0, 50, GatewayFixture.LOOPBACK);
        threads.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Connections this backend has closed itself. */
    int closed() {
        return closed.get();
    }

    /** Every request head received, in order. */
    List<String> requestHeads() {
        return requestHeads;
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket socket = server.accept();
                int number = connections.incrementAndGet();
                threads.execute(() -> serve(socket, number));
            }
        } catch (IOException e) {
            // Closed by the test.
        }
    }

    private void serve(Socket socket, int number) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (int request = 1; ; request++) {
                String head = BackendWire.head(in);
                if (head == null) {
                    return;
                }
                requestHeads.add(head);
                if (mode == Mode.ANSWER_EARLY && contentLength(head) > 0) {
                    out.write(BackendWire.answer(413, "early", false));
                    continue;
                }
                in.readNBytes(contentLength(head));
                out.write(BackendWire.answer(200, "connection=" + number + " request=" + request + " "
                        + field(head, "ucloud-username") + " connection-field=" + field(head, "connection"),
                        mode == Mode.SAY_CLOSE));
                if (mode == Mode.CLOSE_SILENTLY) {
                    socket.close(); // before counting: a test that waits for the count then relies on the close
                    closed.incrementAndGet();
                    return;
                }
            }
        } catch (IOException e) {
            // The gateway closed the connection.
        }
    }



    private static int contentLength(String head) {
        String length = field(head, "content-length");
        return length == null ? 0 : Integer.parseInt(length);
    }

    private static String field(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
