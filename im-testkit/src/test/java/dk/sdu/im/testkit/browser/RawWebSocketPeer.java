package dk.sdu.im.testkit.browser;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The server end of a WebSocket, spoken by hand on a raw socket (just enough of RFC 6455), so tests see the
 * exact bytes a client sends: the upgrade request line and headers, each frame's opcode, mask bit and
 * payload. Driven step by step from the test thread; every read gives up after {@link #PATIENCE}.
 */
final class RawWebSocketPeer implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;

    RawWebSocketPeer() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        server.setSoTimeout((int) PATIENCE.toMillis());
    }

    String httpBase() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The upgrade request: its request line and headers (names lower-cased). */
    record Head(String requestLine, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One frame as it was on the wire, payload unmasked. */
    record Frame(boolean fin, int opcode, boolean masked, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        ByteBuffer buffer() {
            return ByteBuffer.wrap(payload);
        }

        int closeCode() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    /** Accepts the next connection and completes the upgrade. */
    Connection accept() throws IOException {
        Connection connection = new Connection(server.accept());
        connection.answer("101 Switching Protocols", "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                + acceptKey(connection.head.header("sec-websocket-key")) + "\r\n");
        return connection;
    }

    /** Accepts the next connection and answers its upgrade with {@code status} instead of 101. */
    Head refuse(int status) throws IOException {
        try (Connection connection = new Connection(server.accept())) {
            connection.answer(status + " Refused", "Content-Length: 0\r\nConnection: close\r\n");
            return connection.head;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        private final Head head;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout((int) PATIENCE.toMillis());
            this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            this.out = socket.getOutputStream();
            this.head = readHead(in);
        }

        Head head() {
            return head;
        }

        /** The next data message (continuations joined) or control frame; fails after the patience. */
        Frame readMessage() throws IOException {
            Frame first = readFrame();
            if (first.opcode() >= 8 || first.fin()) {
                return first;
            }
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            joined.writeBytes(first.payload());
            Frame next;
            do {
                next = readFrame();
                joined.writeBytes(next.payload());
            } while (!next.fin());
            return new Frame(true, first.opcode(), first.masked(), joined.toByteArray());
        }

        /** The next message if one starts within {@code wait}; empty if the client stays silent. */
        Optional<Frame> poll(Duration wait) throws IOException {
            socket.setSoTimeout((int) wait.toMillis());
            try {
                in.mark(1);
                in.readUnsignedByte();
                in.reset();
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            } finally {
                socket.setSoTimeout((int) PATIENCE.toMillis());
            }
            return Optional.of(readMessage());
        }

        /** True if the client ended the TCP connection without sending anything more (no close frame). */
        boolean endsWithoutCloseFrame() throws IOException {
            try {
                return in.read() < 0;
            } catch (IOException e) {
                return true;
            }
        }

        void sendBinary(byte[] payload) throws IOException {
            send(0x2, payload);
        }

        void sendText(String text) throws IOException {
            send(0x1, text.getBytes(StandardCharsets.UTF_8));
        }

        void sendClose(int code, String reason) throws IOException {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            send(0x8, ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array());
        }

        /** Answers the client's close frame with the same code, as RFC 6455 asks. */
        void echoClose(Frame close) throws IOException {
            send(0x8, close.payload());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }

        private Frame readFrame() throws IOException {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            boolean masked = (second & 0x80) != 0;
            byte[] mask = new byte[4];
            if (masked) {
                in.readFully(mask);
            }
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            return new Frame((first & 0x80) != 0, first & 0x0f, masked, payload);
        }

        private void send(int opcode, byte[] payload) throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x80 | opcode);
            if (payload.length < 126) {
                frame.write(payload.length);
            } else if (payload.length < 65536) {
                frame.write(126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xff);
            } else {
                frame.write(127);
                frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
            }
            frame.writeBytes(payload);
            out.write(frame.toByteArray());
            out.flush();
        }

        private void answer(String status, String headers) throws IOException {
            out.write(("HTTP/1.1 " + status + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    private static Head readHead(InputStream in) throws IOException {
        String requestLine = line(in);
        Map<String, String> headers = new TreeMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return new Head(requestLine, headers);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("closed during the handshake");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static String acceptKey(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
