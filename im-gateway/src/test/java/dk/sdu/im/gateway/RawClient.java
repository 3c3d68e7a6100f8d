package dk.sdu.im.gateway;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately simple HTTP/1.1 client on a raw socket, independent of the code under test: it
 * writes exactly the bytes a test gives it and reads responses one by one from the same connection.
 */
final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(InetSocketAddress address) throws IOException {
        this(new Socket(address.getAddress(), address.getPort()));
    }

    /** A client on a connected socket (bound to a chosen local address, say, or a TLS socket). */
    RawClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(15_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one response (interim ones too) from the connection; not for responses to HEAD. */
    Response read() throws IOException {
        return readBody(readHead());
    }

    /** Reads only the head of the next response, as a response with an empty body; {@link #readBody} reads the rest. */
    Response readHead() throws IOException {
        String statusLine = line();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        return new Response(Integer.parseInt(statusLine.substring(9, 12)), headers, new byte[0]);
    }

    /** The response whose head {@link #readHead} returned, with its body read from the connection. */
    Response readBody(Response head) throws IOException {
        return new Response(head.status(), head.headers(), body(head.status(), head.headers()));
    }

    /** Ends what this client sends (a half-close), as a client that gave up mid-body but still listens. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Whether the gateway closed the connection: the next read sees the end of the stream (or a reset). */
    boolean closedByPeer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException e) {
            return true;
        }
    }

    /** Reads whatever arrives until the peer closes; for truncated responses. */
    byte[] readToEnd() throws IOException {
        try {
            return in.readAllBytes();
        } catch (SocketException e) {
            return new byte[0];
        }
    }

    private byte[] body(int status, Map<String, List<String>> headers) throws IOException {
        if (status < 200 || status == 204 || status == 304) {
            return new byte[0];
        }
        if (headers.containsKey("transfer-encoding")) {
            return chunked();
        }
        if (headers.containsKey("content-length")) {
            return in.readNBytes(Integer.parseInt(headers.get("content-length").getFirst()));
        }
        return in.readAllBytes();
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(); size > 0; size = chunkSize()) {
            body.write(in.readNBytes(size));
            line();
        }
        for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
            // Trailers are not used by these tests.
        }
        return body.toByteArray();
    }

    private int chunkSize() throws IOException {
        String line = line();
        int semicolon = line.indexOf(';');
        return Integer.parseInt(semicolon < 0 ? line.strip() : line.substring(0, semicolon).strip(), 16);
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(", ", values);
        }
    }
}
