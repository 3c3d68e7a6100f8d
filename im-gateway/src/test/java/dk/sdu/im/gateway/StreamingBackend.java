package dk.sdu.im.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A backend that shows whether bodies stream through what stands between it and a client: a JDK HTTP server on
 * 127.0.0.1 that counts request body bytes as they arrive ({@link #uploadedBytes}) and answers with their number and
 * SHA-256, and that answers a GET for {@code ?mib=N} with {@link #FIRST} at once and then, only after
 * {@link #release}, N blocks of {@link #block} (chunked framing). Every body is made of such blocks.
 */
final class StreamingBackend implements AutoCloseable {
    static final int BLOCK_BYTES = 1024 * 1024;
    static final String FIRST = "first\n";

    private final HttpServer server;
    private final AtomicLong uploaded = new AtomicLong();
    private final CountDownLatch released = new CountDownLatch(1);

    StreamingBackend() throws IOException {
        server = HttpServer.create(new InetSocketAddress(GatewayFixture.LOOPBACK, 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Request body bytes received so far, counted as they arrive. */
    long uploadedBytes() {
        return uploaded.get();
    }

    /** Lets held downloads send their blocks. */
    void release() {
        released.countDown();
    }

    /** Block {@code index}: pseudo-random bytes, its index in the first four, so a lost or repeated block shows. */
    static byte[] block(int index) {
        byte[] block = new byte[BLOCK_BYTES];
        new Random(index).nextBytes(block);
        ByteBuffer.wrap(block).putInt(index);
        return block;
    }

    /** The SHA-256 of blocks 0 to {@code count - 1}, hex. */
    static String sha256OfBlocks(int count) {
        MessageDigest sha = NamedBackend.sha256();
        for (int i = 0; i < count; i++) {
            sha.update(block(i));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestMethod().equals("GET")) {
                download(exchange, Integer.parseInt(exchange.getRequestURI().getQuery().substring("mib=".length())));
            } else {
                upload(exchange);
            }
        }
    }

    private void upload(HttpExchange exchange) throws IOException {
        MessageDigest sha = NamedBackend.sha256();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        InputStream in = exchange.getRequestBody();
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            sha.update(buffer, 0, read);
            total += read;
            uploaded.addAndGet(read);
        }
        byte[] answer = ("bodyBytes=" + total + "\nbodySha256=" + HexFormat.of().formatHex(sha.digest()) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
    }

    /** {@link #FIRST}, then (once released, at most 30 s later) the blocks; a body cut short if never released. */
    private void download(HttpExchange exchange, int blocks) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(FIRST.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        try {
            if (!released.await(30, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (int i = 0; i < blocks; i++) {
            out.write(block(i));
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
