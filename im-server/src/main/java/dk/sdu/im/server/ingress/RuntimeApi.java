package dk.sdu.im.server.ingress;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy's runtime API (its {@code stats socket}), one command per connection: the command goes out as one line,
 * HAProxy answers and closes. An answer larger than {@link #MAX_ANSWER} or slower than {@code timeout} is a failure,
 * so a wedged HAProxy cannot hold the caller.
 *
 * <p>Commands are built by this package from validated parts only (paths of plain characters, base64 keys, port
 * numbers), so none can carry a line break or a {@code ;} that would start another command.
 */
final class RuntimeApi {
    static final int MAX_ANSWER = 4 << 20;

    private final Path socket;
    private final Duration timeout;
    private final ScheduledExecutorService timer;

    RuntimeApi(Path socket, Duration timeout, ScheduledExecutorService timer) {
        this.socket = socket;
        this.timeout = timeout;
        this.timer = timer;
    }

    Path socket() {
        return socket;
    }

    /** Sends {@code command} and returns HAProxy's whole answer, without trailing blank lines. */
    String send(String command) throws IOException {
        if (command.indexOf('\n') >= 0 || command.indexOf('\r') >= 0 || command.indexOf(';') >= 0) {
            throw new IllegalArgumentException("not a single command: " + command);
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            var deadline = timer.schedule(() -> closeQuietly(channel), timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                ByteBuffer out = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII));
                while (out.hasRemaining()) {
                    channel.write(out);
                }
                return read(channel).stripTrailing();
            } finally {
                deadline.cancel(false);
            }
        }
    }

    private static String read(SocketChannel channel) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        var answer = new java.io.ByteArrayOutputStream();
        while (channel.read(in) >= 0) {
            in.flip();
            answer.write(in.array(), 0, in.limit());
            in.clear();
            if (answer.size() > MAX_ANSWER) {
                throw new IOException("HAProxy's answer is larger than " + MAX_ANSWER + " bytes");
            }
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the read fails with it, which is the point
        }
    }
}
