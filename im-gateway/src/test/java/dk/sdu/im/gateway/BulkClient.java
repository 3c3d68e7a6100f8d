package dk.sdu.im.gateway;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A client for bulk bodies on a raw socket: sends a GET for a user, reads the response head, then streams the body
 * past {@link OffsetPattern}, holding none of it. Reads time out after 15 s, so a test that waits for the gateway to
 * close fails instead of hanging.
 */
final class BulkClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    BulkClient(InetSocketAddress gateway) throws IOException {
        socket = new Socket(gateway.getAddress(), gateway.getPort());
        socket.setSoTimeout(15_000);
        in = new BufferedInputStream(socket.getInputStream(), 1 << 20);
        out = socket.getOutputStream();
    }

    /** What arrived of one body: how many bytes, whether all were in place, and whether the connection ended before its end. */
    record Body(int status, long length, long received, long firstWrong, boolean closed) {
        boolean intact() {
            return firstWrong < 0;
        }
    }

    /** Sends {@code head} (a request head for the user) as is. */
    BulkClient send(String head) throws IOException {
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** A GET of {@code target} for {@code user}, kept alive. */
    static String get(String user, String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: gateway\r\nucloud-username: " + RouteKey.header(user) + "\r\n\r\n";
    }

    /** Reads the next response: its head, then its body up to its length or the end of the connection. */
    Body read() throws IOException {
        String head = head();
        int status = Integer.parseInt(head.substring(9, 12));
        long length = Long.parseLong(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
        byte[] chunk = new byte[1 << 20];
        long received = 0;
        long firstWrong = -1;
        boolean closed = false;
        while (received < length) {
            int read;
            try {
                read = in.read(chunk, 0, (int) Math.min(chunk.length, length - received));
            } catch (SocketException e) {
                read = -1; // reset by the gateway
            }
            if (read < 0) {
                closed = true;
                break;
            }
            long wrong = OffsetPattern.firstWrong(ByteBuffer.wrap(chunk, 0, read), received);
            if (firstWrong < 0 && wrong >= 0) {
                firstWrong = wrong;
            }
            received += read;
        }
        return new Body(status, length, received, firstWrong, closed);
    }

    /** Waits until the gateway ends the connection, reading and dropping whatever comes first; true if it did. */
    boolean endedByGateway() throws IOException {
        try {
            while (in.read(new byte[1 << 16]) >= 0) {
                // Bytes the gateway had sent before it closed.
            }
            return true;
        } catch (SocketException e) {
            return true;
        }
    }

    private String head() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended in a response head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
