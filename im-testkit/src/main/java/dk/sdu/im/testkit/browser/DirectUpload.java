package dk.sdu.im.testkit.browser;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The browser's {@code WEBSOCKET_V2} upload of one file (contract 6.2) at the speed of the socket, for benchmarks:
 * the same conversation as {@link WebSocketV2Upload} (LISTING, CHUNKs after the OK, COMPLETED, CLOSE and a normal
 * close), with frames masked by a random key as a browser masks them, but on a {@link SocketChannel} ({@link ChannelWebSocket}),
 * with the file read ahead of the socket as a browser reads it ({@link FileReadAhead}). The JDK WebSocket client costs about as much CPU per byte as the
 * integration module itself, and on a small machine the benchmark's client shares the cores with it.
 *
 * <p>Text "ping" is answered "pong", a WebSocket ping with a pong. {@code timeout} bounds the whole run.
 * Stateless and thread-safe.
 */
public final class DirectUpload {
    private static final int FILE_ID = 0;
    private static final int CLOSE_NORMAL = 1000;

    private DirectUpload() {
    }

    /** Uploads {@code file} to an endpoint from {@code files/upload}; failures are in the result. */
    public static UploadResult run(String endpoint, UploadSource file, int chunkSize, Duration timeout) {
        URI uri = URI.create(endpoint);
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("not an http URL with a port: " + endpoint);
        }
        return new Run(file, chunkSize, System.nanoTime()).execute(uri, timeout);
    }

    /** One upload's state. Single use, single thread. */
    private static final class Run {
        private final UploadSource file;
        private final int chunkSize;
        private final long start;
        private final List<Integer> ok = new ArrayList<>();
        private final List<Integer> skipped = new ArrayList<>();
        private final List<ServerMessage> messages = new ArrayList<>();
        private int completed;
        private long bytesSent;
        private Duration elapsed;
        private CloseStatus serverClose;

        Run(UploadSource file, int chunkSize, long start) {
            this.file = file;
            this.chunkSize = chunkSize;
            this.start = start;
        }

        UploadResult execute(URI uri, Duration timeout) {
            Ending ending;
            try (SocketChannel socket = SocketChannel.open(); SocketWatchdog watchdog = SocketWatchdog.start(socket, timeout)) {
                try {
                    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
                    ending = converse(ChannelWebSocket.open(socket, uri));
                } catch (ChannelWebSocket.Refused e) {
                    ending = new Ending.Refused(e.status());
                } catch (ClosedChannelException e) {
                    ending = watchdog.fired() ? new Ending.TimedOut("the upload within " + timeout) : new Ending.Failed(e.toString());
                } catch (IOException e) {
                    ending = new Ending.Failed(e.toString());
                }
            } catch (IOException e) {
                ending = new Ending.Failed(e.toString());
            }
            Duration total = elapsed != null ? elapsed : Duration.ofNanos(System.nanoTime() - start);
            return new UploadResult(ok, skipped, completed, bytesSent, messages, ending, Optional.ofNullable(serverClose), total);
        }

        private Ending converse(ChannelWebSocket socket) throws IOException {
            socket.send(ChannelWebSocket.BINARY, V2Frames.listing(List.of(
                    new ListingEntry(FILE_ID, file.size(), file.modifiedAtMs(), file.relPath()))));
            while (completed < 1) {
                Optional<Ending> end = handle(socket, socket.next());
                if (end.isPresent()) {
                    return end.get();
                }
            }
            elapsed = Duration.ofNanos(System.nanoTime() - start);
            socket.send(ChannelWebSocket.BINARY, V2Frames.close());
            socket.send(ChannelWebSocket.CLOSE, ByteBuffer.allocate(2).putShort((short) CLOSE_NORMAL).flip());
            awaitClose(socket);
            return new Ending.Completed();
        }

        private Optional<Ending> handle(ChannelWebSocket socket, ChannelWebSocket.Frame frame) throws IOException {
            switch (frame.opcode()) {
                case ChannelWebSocket.BINARY -> {
                    return messages(socket, V2Frames.parseServerFrame(ByteBuffer.wrap(frame.payload())));
                }
                case ChannelWebSocket.TEXT -> {
                    if (new String(frame.payload(), StandardCharsets.UTF_8).equals("ping")) {
                        socket.send(ChannelWebSocket.TEXT, ByteBuffer.wrap("pong".getBytes(StandardCharsets.US_ASCII)));
                    }
                }
                case ChannelWebSocket.PING -> socket.send(ChannelWebSocket.PONG, ByteBuffer.wrap(frame.payload()));
                case ChannelWebSocket.CLOSE -> {
                    serverClose = closeStatus(frame.payload());
                    socket.send(ChannelWebSocket.CLOSE, ByteBuffer.wrap(frame.payload()));
                    return Optional.of(new Ending.ServerClosed(serverClose));
                }
                default -> {
                    // PONG and anything else: nothing to answer.
                }
            }
            return Optional.empty();
        }

        private Optional<Ending> messages(ChannelWebSocket socket, List<ServerMessage> batch) throws IOException {
            for (ServerMessage message : batch) {
                messages.add(message);
                switch (message) {
                    case ServerMessage.Ok(int fileId) -> {
                        if (fileId != FILE_ID || !ok.isEmpty()) {
                            return Optional.of(new Ending.Failed("OK for unknown or already sent file id " + fileId));
                        }
                        ok.add(fileId);
                        stream(socket);
                    }
                    case ServerMessage.Skip(int fileId) -> skipped.add(fileId);
                    case ServerMessage.Completed(int count) -> completed = Math.max(completed, count);
                    case ServerMessage.Unrecognised(int opcode, int left) -> {
                        return Optional.of(new Ending.Failed("unrecognised server message: opcode " + opcode + ", " + left + " bytes left"));
                    }
                }
            }
            return Optional.empty();
        }

        /** The file's data in CHUNKs of at most {@code chunkSize} bytes; an empty file is one empty CHUNK. */
        private void stream(ChannelWebSocket socket) throws IOException {
            try (FileChannel channel = FileChannel.open(file.file(), StandardOpenOption.READ);
                    FileReadAhead in = new FileReadAhead(channel)) {
                long size = channel.size();
                long position = 0;
                do {
                    int length = (int) Math.min(chunkSize, size - position);
                    socket.sendFromFile(ByteBuffer.allocate(V2Frames.CHUNK_HEADER).put(V2Frames.CHUNK).putInt(FILE_ID).flip(),
                            in, length);
                    position += length;
                    bytesSent += length;
                } while (position < size);
            }
        }

        /** Reads until the server's close frame (or the end of the connection) after ours. */
        private void awaitClose(ChannelWebSocket socket) {
            try {
                ChannelWebSocket.Frame frame = socket.next();
                while (frame.opcode() != ChannelWebSocket.CLOSE) {
                    frame = socket.next(); // replies still in flight (a last COMPLETED) are of no interest now
                }
                serverClose = closeStatus(frame.payload());
            } catch (IOException e) {
                // The server closed without its close frame: the upload is complete all the same.
            }
        }

        private static CloseStatus closeStatus(byte[] payload) {
            if (payload.length < 2) {
                return new CloseStatus(1005, "");
            }
            return new CloseStatus((payload[0] & 0xff) << 8 | payload[1] & 0xff,
                    new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
        }
    }
}
