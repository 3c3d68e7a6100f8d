package dk.sdu.im.testkit.browser;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The browser's download (contract 6.4) at the speed of the socket, for benchmarks: a plain HTTP/1.1 {@code GET}
 * with {@code Connection: close} over a {@link SocketChannel}, the body read into one 1 MiB direct buffer and
 * written from it to the file, so no byte is copied in Java. {@link Download} (the JDK HttpClient) moves every
 * body through small heap buffers and is itself the bottleneck of a fast download; this is not.
 *
 * <p>Only {@code http}, and only bodies framed by {@code Content-Length} or by the end of the connection (what
 * download endpoints and the gateway send); a chunked body fails. A 2xx body goes to the file (created or
 * truncated), any other body is kept as text and no file is written. A body shorter than its
 * {@code Content-Length} fails. {@code timeout} bounds the whole exchange: the socket is closed when it passes,
 * and the failure is an {@link UncheckedIOException} wrapping {@link HttpTimeoutException}, as with
 * {@link Download}. Stateless and thread-safe.
 */
public final class DirectDownload {
    static final int BUFFER_BYTES = 1 << 20;
    private static final int MAX_ERROR_BODY_BYTES = 1 << 20;

    private DirectDownload() {
    }

    /** GETs {@code endpoint} and streams a 2xx body into {@code file}; the result has no digest. */
    public static DownloadResult toFile(String endpoint, Path file, Duration timeout) {
        URI uri = URI.create(endpoint);
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http URL: " + endpoint);
        }
        long start = System.nanoTime();
        try (SocketChannel socket = SocketChannel.open(); SocketWatchdog watchdog = SocketWatchdog.start(socket, timeout)) {
            try {
                return exchange(socket, uri, file, start);
            } catch (ClosedChannelException e) {
                throw watchdog.fired() ? new HttpTimeoutException("no complete response within " + timeout) : e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + endpoint + " failed: " + e, e);
        }
    }

    private static DownloadResult exchange(SocketChannel socket, URI uri, Path file, long start) throws IOException {
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort()));
        writeFully(socket, ByteBuffer.wrap(request(uri)));
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
        RawResponseHead head = RawResponseHead.read(socket, buffer);
        long length = head.contentLength();
        long bytes;
        String errorBody = null;
        if (head.status() / 100 == 2) {
            bytes = bodyToFile(socket, buffer, length, file);
        } else {
            byte[] body = bodyInMemory(socket, buffer, length);
            bytes = body.length;
            errorBody = new String(body, StandardCharsets.UTF_8);
        }
        return new DownloadResult(head.status(), head.headers(), bytes, null, errorBody, Duration.ofNanos(System.nanoTime() - start));
    }

    private static byte[] request(URI uri) {
        String target = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            target += "?" + uri.getRawQuery();
        }
        String authority = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return ("GET " + target + " HTTP/1.1\r\nHost: " + authority + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Writes what {@code buffer} holds after the head, then the rest of the body; {@code length} -1 means until close. */
    private static long bodyToFile(SocketChannel socket, ByteBuffer buffer, long length, Path file) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long written = 0;
            while (true) {
                if (length >= 0 && buffer.remaining() > length - written) {
                    throw new IOException("more bytes than the Content-Length of " + length);
                }
                written += buffer.remaining();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                if (written == length || !refill(socket, buffer, length)) {
                    return written;
                }
            }
        }
    }

    private static byte[] bodyInMemory(SocketChannel socket, ByteBuffer buffer, long length) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            if (body.size() + buffer.remaining() > MAX_ERROR_BODY_BYTES) {
                throw new IOException("an error body larger than " + MAX_ERROR_BODY_BYTES + " bytes");
            }
            byte[] piece = new byte[buffer.remaining()];
            buffer.get(piece);
            body.writeBytes(piece);
            if (body.size() == length || !refill(socket, buffer, length)) {
                return body.toByteArray();
            }
        }
    }

    /** Reads the next piece into the emptied buffer; false at the end of a body framed by the connection's end. */
    private static boolean refill(SocketChannel socket, ByteBuffer buffer, long length) throws IOException {
        buffer.clear();
        int read = socket.read(buffer);
        buffer.flip();
        if (read >= 0) {
            return true;
        }
        if (length >= 0) {
            throw new EOFException("the connection ended before the body's " + length + " bytes");
        }
        return false;
    }

    private static void writeFully(SocketChannel socket, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            socket.write(bytes);
        }
    }
}
