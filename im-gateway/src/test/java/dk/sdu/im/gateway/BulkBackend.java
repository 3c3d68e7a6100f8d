package dk.sdu.im.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A backend for bulk transfers on a raw socket channel, one connection at a time. A plain request is answered with
 * a {@code Content-Length} of {@code length} and a body of {@link OffsetPattern} bytes, of which it sends the first
 * {@code sent} and then, as told, closes ({@link Ending#DIE}) or holds the connection open without sending more
 * ({@link Ending#STALL}); {@code sent == length} sends the whole body. The head goes out in one write together with
 * the body's first {@link #PREFIX_BYTES} bytes, so the gateway's head reader buffers a piece of the body: the copy
 * must send those first. A WebSocket handshake is answered {@code 101} and every byte after it is echoed.
 * {@link #ended()} completes once the backend's side of a connection has been closed by the gateway.
 */
final class BulkBackend implements AutoCloseable {
    static final int PREFIX_BYTES = 10_000;

    enum Ending {
        /** Send everything, then keep the connection for the next request. */
        COMPLETE,
        /** Close after {@code sent} bytes, mid-body. */
        DIE,
        /** Send nothing after {@code sent} bytes and keep the connection open until the gateway ends it. */
        STALL
    }

    private final ServerSocketChannel listener;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final long length;
    private final long sent;
    private final Ending ending;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    BulkBackend(long length, long sent, Ending ending) throws IOException {
        this.length = length;
        this.sent = sent;
        this.ending = ending;
        this.listener = ServerSocketChannel.open().bind(new InetSocketAddress(GatewayFixture.LOOPBACK, 0));
        threads.execute(this::acceptLoop);
    }

    int port() throws IOException {
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    /** Completes when the gateway closed (or reset) the backend's connection. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    private void acceptLoop() {
        while (listener.isOpen()) {
            try {
                SocketChannel connection = listener.accept();
                threads.execute(() -> serve(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel connection) {
        try (connection) {
            for (String head = head(connection); head != null; head = head(connection)) {
                if (head.toLowerCase(java.util.Locale.ROOT).contains("upgrade: websocket")) {
                    write(connection, ascii("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n"
                            + "Upgrade: websocket\r\n\r\n"));
                    echo(connection);
                    return;
                }
                respond(connection);
                if (ending != Ending.COMPLETE) {
                    awaitEnd(connection);
                    return;
                }
            }
        } catch (IOException e) {
            ended.complete(null);
        }
    }

    private void respond(SocketChannel connection) throws IOException {
        ByteBuffer head = ascii("HTTP/1.1 200 OK\r\nContent-Length: " + length + "\r\n\r\n");
        long prefix = Math.min(PREFIX_BYTES, sent);
        ByteBuffer first = ByteBuffer.allocate(head.remaining() + (int) prefix);
        first.put(head);
        OffsetPattern.fill(first, 0);
        write(connection, first.flip());
        ByteBuffer body = ByteBuffer.allocateDirect(1 << 20);
        for (long offset = prefix; offset < sent; ) {
            body.clear().limit((int) Math.min(body.capacity(), sent - offset));
            OffsetPattern.fill(body, offset);
            offset += body.flip().remaining();
            write(connection, body);
        }
    }

    /** After a short or stalled body: closes ({@link Ending#DIE}) or waits until the gateway ends the connection. */
    private void awaitEnd(SocketChannel connection) throws IOException {
        if (ending == Ending.DIE) {
            return;
        }
        ByteBuffer any = ByteBuffer.allocate(1);
        if (connection.read(any) < 0) {
            ended.complete(null);
        }
    }

    private void echo(SocketChannel connection) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        while (connection.read(buffer) >= 0) {
            write(connection, buffer.flip());
            buffer.clear();
        }
        ended.complete(null);
    }

    private static void write(SocketChannel connection, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            connection.write(bytes);
        }
    }

    /** A message head up to its blank line, read one byte at a time (nothing after it is consumed); null at the end. */
    private static String head(SocketChannel connection) throws IOException {
        StringBuilder head = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (!head.toString().endsWith("\r\n\r\n")) {
            one.clear();
            if (connection.read(one) < 0) {
                return null;
            }
            head.append((char) one.get(0));
        }
        return head.toString();
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}
