package dk.sdu.im.testkit.browser;

import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The client end of a WebSocket (RFC 6455) on a blocking {@link SocketChannel}, just enough for
 * {@link DirectUpload}: the opening handshake, whole frames out, masked with a fresh random key each as a browser
 * does, and whole unfragmented frames in. File data is read ahead into direct buffers ({@link FileReadAhead}), masked
 * there and written from them, so it is copied in Java once (by the masking itself). Single thread.
 */
final class ChannelWebSocket {
    /** One frame from the server, payload as sent (server frames are not masked). */
    record Frame(int opcode, byte[] payload) {
    }

    static final int TEXT = 1;
    static final int BINARY = 2;
    static final int CLOSE = 8;
    static final int PING = 9;
    static final int PONG = 10;
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_SERVER_FRAME_BYTES = 64 * 1024;

    private final SocketChannel socket;
    private final ByteBuffer in;
    private final SecureRandom random = new SecureRandom();

    private ChannelWebSocket(SocketChannel socket, ByteBuffer in) {
        this.socket = socket;
        this.in = in;
    }

    /**
     * Sends the upgrade request for {@code uri}'s path and query and reads the answer: the socket, or the HTTP
     * status of a refusal (anything but a 101 with the right {@code Sec-WebSocket-Accept}) as {@link Refused}.
     */
    static ChannelWebSocket open(SocketChannel socket, URI uri) throws IOException {
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String target = (uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String request = "GET " + target + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        writeFully(socket, ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
        ByteBuffer in = ByteBuffer.allocate(MAX_SERVER_FRAME_BYTES + RawResponseHead.MAX_HEAD_BYTES);
        RawResponseHead head = RawResponseHead.read(socket, in);
        String accept = head.headers().getOrDefault("Sec-WebSocket-Accept", java.util.List.of("")).getFirst();
        if (head.status() != 101 || !accept.equals(acceptKey(key))) {
            throw new Refused(head.status());
        }
        return new ChannelWebSocket(socket, in.compact().flip());
    }

    /** The upgrade was answered with {@code status} instead of a valid 101. */
    static final class Refused extends IOException {
        private final int status;

        Refused(int status) {
            super("the WebSocket upgrade was answered with " + status);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** One whole frame carrying {@code payload}, masked. */
    void send(int opcode, ByteBuffer payload) throws IOException {
        int key = random.nextInt();
        ByteBuffer frame = ByteBuffer.allocate(14 + payload.remaining()).order(ByteOrder.nativeOrder());
        header(frame, opcode, payload.remaining(), key);
        int start = frame.position();
        frame.put(payload);
        mask(frame, start, frame.position(), key, 0);
        writeFully(socket, frame.flip());
    }

    /**
     * One binary frame: {@code prefix} (e.g. a CHUNK's opcode and file id), then the next {@code length} bytes of
     * {@code file}, masked in the read-ahead's own buffers. Fails if the file holds fewer.
     */
    void sendFromFile(ByteBuffer prefix, FileReadAhead file, int length) throws IOException {
        int key = random.nextInt();
        int prefixBytes = prefix.remaining();
        writeFully(socket, header(prefixBytes + (long) length, key, prefix));
        long done = 0;
        while (done < length) {
            ByteBuffer piece = file.next((int) Math.min(Integer.MAX_VALUE, length - done));
            int bytes = piece.remaining();
            mask(piece, 0, bytes, key, prefixBytes + done);
            writeFully(socket, piece);
            done += bytes;
        }
    }

    /** The next frame from the server. */
    Frame next() throws IOException {
        fill(2);
        int first = in.get() & 0xff;
        int second = in.get() & 0xff;
        if ((first & 0x80) == 0 || (second & 0x80) != 0) {
            throw new IOException("a fragmented or masked server frame (" + first + ", " + second + ")");
        }
        long length = second & 0x7f;
        if (length == 126) {
            fill(2);
            length = in.getShort() & 0xffff;
        } else if (length == 127) {
            fill(8);
            length = in.getLong();
        }
        if (length < 0 || length > MAX_SERVER_FRAME_BYTES) {
            throw new IOException("a server frame of " + length + " bytes");
        }
        fill((int) length);
        byte[] payload = new byte[(int) length];
        in.get(payload);
        return new Frame(first & 0x0f, payload);
    }

    /** The frame header and the masked prefix of a binary frame of {@code length} payload bytes, ready to write. */
    private static ByteBuffer header(long length, int key, ByteBuffer prefix) {
        ByteBuffer frame = ByteBuffer.allocate(14 + prefix.remaining()).order(ByteOrder.nativeOrder());
        header(frame, BINARY, length, key);
        int start = frame.position();
        frame.put(prefix);
        mask(frame, start, frame.position(), key, 0);
        return frame.flip();
    }

    private static void header(ByteBuffer frame, int opcode, long length, int key) {
        frame.put((byte) (0x80 | opcode));
        if (length < 126) {
            frame.put((byte) (0x80 | length));
        } else if (length <= 0xffff) {
            frame.put((byte) (0x80 | 126)).order(ByteOrder.BIG_ENDIAN).putShort((short) length);
        } else {
            frame.put((byte) (0x80 | 127)).order(ByteOrder.BIG_ENDIAN).putLong(length);
        }
        frame.order(ByteOrder.BIG_ENDIAN).putInt(key).order(ByteOrder.nativeOrder());
    }

    /**
     * XORs {@code buffer[from, to)}, which starts at {@code payloadPosition} of its frame's payload, with the key
     * (RFC 6455 5.3), eight bytes at a time in the buffer's byte order, which must be the machine's.
     */
    static void mask(ByteBuffer buffer, int from, int to, int key, long payloadPosition) {
        int rotated = Integer.rotateLeft(key, 8 * (int) (payloadPosition & 3));
        int memory = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? rotated : Integer.reverseBytes(rotated);
        long wide = (long) memory << 32 | memory & 0xFFFF_FFFFL;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            buffer.putLong(i, buffer.getLong(i) ^ wide);
        }
        for (; i < to; i++) {
            buffer.put(i, (byte) (buffer.get(i) ^ rotated >>> 24 - 8 * ((i - from) & 3)));
        }
    }

    /** Makes {@code in} hold at least {@code bytes} unread bytes. */
    private void fill(int bytes) throws IOException {
        if (in.remaining() >= bytes) {
            return;
        }
        in.compact();
        while (in.position() < bytes) {
            if (socket.read(in) < 0) {
                throw new EOFException("the server closed the connection");
            }
        }
        in.flip();
    }

    private static void writeFully(SocketChannel socket, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            socket.write(bytes);
        }
    }

    private static String acceptKey(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
