package dk.sdu.im.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** A WebSocket client on a plain socket, able to send anything: broken handshakes and frames no library would. */
final class RawClient implements AutoCloseable {
    static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    final Socket socket;
    final DataInputStream in;
    final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        socket.setSoTimeout(5_000);
    }

    static RawClient connect(InetSocketAddress server) throws IOException {
        return new RawClient(new Socket(server.getAddress(), server.getPort()));
    }

    /** Connects and completes a valid handshake to {@code path}. */
    static RawClient upgraded(InetSocketAddress server, String path) throws IOException {
        RawClient client = connect(server);
        client.sendHead(handshake(path, ""));
        Reply reply = client.readReply();
        assertThat(reply.status()).as("handshake to %s", path).isEqualTo(101);
        return client;
    }

    /** A valid handshake head with {@code extraFields} (each ending in CRLF) added. */
    static String handshake(String target, String extraFields) {
        return "GET " + target + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + SAMPLE_KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + extraFields + "\r\n";
    }

    void sendHead(String head) throws IOException {
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** An HTTP reply; the body is read by its Content-Length. */
    record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    Reply readReply() throws IOException {
        String statusLine = readLine();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        byte[] body = new byte[Integer.parseInt(headers.getOrDefault("content-length", "0"))];
        in.readFully(body);
        return new Reply(Integer.parseInt(statusLine.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the server closed the connection inside a reply head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Sends a masked frame with the given first byte (FIN, RSV and opcode bits). */
    void frame(int firstByte, byte[] payload) throws IOException {
        out.write(frameBytes(firstByte, payload, true));
        out.flush();
    }

    void text(String text) throws IOException {
        frame(0x81, text.getBytes(StandardCharsets.UTF_8));
    }

    void close(int code, String reason) throws IOException {
        ByteBuffer payload = ByteBuffer.allocate(2 + reason.length()).putShort((short) code)
                .put(reason.getBytes(StandardCharsets.UTF_8));
        frame(0x88, payload.array());
    }

    /** A frame as a client writes it: masked with a random key unless {@code masked} is false. */
    static byte[] frameBytes(int firstByte, byte[] payload, boolean masked) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(firstByte);
        frameLength(frame, payload.length, masked ? 0x80 : 0);
        byte[] key = new byte[4];
        ThreadLocalRandom.current().nextBytes(key);
        if (masked) {
            frame.writeBytes(key);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.write(masked ? payload[i] ^ key[i % 4] : payload[i]);
        }
        return frame.toByteArray();
    }

    static void frameLength(ByteArrayOutputStream frame, long length, int maskBit) {
        if (length < 126) {
            frame.write(maskBit | (int) length);
        } else if (length <= 0xFFFF) {
            frame.write(maskBit | 126);
            frame.write((int) length >>> 8);
            frame.write((int) length);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (length >>> shift));
            }
        }
    }

    /** A frame from the server, which must not be masked. */
    record Frame(boolean fin, int opcode, byte[] payload) {
        int closeCode() {
            assertThat(opcode).as("opcode of a close frame").isEqualTo(0x8);
            return payload.length == 0 ? 1005 : (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        assertThat(second & 0x80).as("server frames are unmasked").isZero();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        assertThat(first & 0x70).as("reserved bits of a server frame").isZero();
        return new Frame((first & 0x80) != 0, first & 0x0F, payload);
    }

    /** Reads frames until a close frame and returns its code. */
    int readCloseCode() throws IOException {
        for (Frame frame = readFrame(); ; frame = readFrame()) {
            if (frame.opcode() == 0x8) {
                return frame.closeCode();
            }
        }
    }

    /** Whether the server closes the connection within the socket's timeout (everything before is discarded). */
    boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // Discard.
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
