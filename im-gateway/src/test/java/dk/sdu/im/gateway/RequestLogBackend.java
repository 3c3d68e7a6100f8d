package dk.sdu.im.gateway;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An instance's request log, on a raw socket: counts every connection the gateway opens and every byte it sends, and
 * logs every request head. A request without a body gets {@code 200 logged} on a kept-alive connection; a request
 * with one is logged and its connection closed. A test proves that a request never reached an instance by this log
 * showing no connection at all.
 */
final class RequestLogBackend implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final List<String> heads = new CopyOnWriteArrayList<>();

    RequestLogBackend() throws IOException {
        server = new ServerSocket(0, 50, GatewayFixture.LOOPBACK);
        threads.execute(this::acceptLoop);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Connections the gateway opened. */
    int connections() {
        return connections.get();
    }

    /** Bytes the gateway sent, over all connections. */
    long bytes() {
        return bytes.get();
    }

    /** The request heads received, in order. */
    List<String> heads() {
        return List.copyOf(heads);
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket socket = server.accept();
                connections.incrementAndGet();
                threads.execute(() -> serve(socket));
            }
        } catch (IOException e) {
            // Closed by the test.
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = counting(socket.getInputStream());
            for (String head = BackendWire.head(in); head != null; head = BackendWire.head(in)) {
                heads.add(head);
                String lower = head.toLowerCase(Locale.ROOT);
                if (lower.contains("\r\ncontent-length:") || lower.contains("\r\ntransfer-encoding:")) {
                    return;
                }
                socket.getOutputStream().write(BackendWire.answer(200, "logged", false));
            }
        } catch (IOException e) {
            // The gateway closed the connection.
        }
    }

    private InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytes.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                if (read > 0) {
                    bytes.addAndGet(read);
                }
                return read;
            }
        };
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
