package dk.sdu.im.api.log;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Lines sent to journald through its stdout stream socket, as {@code systemd-cat -t IDENTIFIER} sends them, so they
 * carry their own SYSLOG_IDENTIFIER ({@code journalctl -t ucloud-im-audit}) instead of the unit's. The stream's
 * header is seven lines: identifier, unit (empty), priority (6, info), level prefix, and forwarding to syslog, kmsg
 * and console (all 0). A broken stream (journald restarted) is reconnected once per line before the line is lost.
 */
public final class JournalStream implements LineSink {
    /** Where journald listens for streams. */
    static final Path SOCKET = Path.of("/run/systemd/journal/stdout");

    private final Path socket;
    private final String identifier;
    private SocketChannel channel;

    private JournalStream(Path socket, String identifier) {
        this.socket = socket;
        this.identifier = identifier;
    }

    /** Connects to journald's stream socket at {@code socket}; fails if journald is not there. */
    static JournalStream connect(Path socket, String identifier) throws IOException {
        if (identifier.isEmpty() || identifier.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("a journald identifier is one word: " + identifier);
        }
        var stream = new JournalStream(socket, identifier);
        stream.reconnect();
        return stream;
    }

    @Override
    public synchronized void write(String line) throws IOException {
        try {
            send(line);
        } catch (IOException first) {
            channel.close();
            reconnect();
            send(line);
        }
    }

    private void reconnect() throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            send(identifier + "\n\n6\n0\n0\n0\n0\n");
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot reach journald at " + socket + ": " + e.getMessage(), e);
        }
    }

    private void send(String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a stream journald may already have dropped
        }
    }
}
