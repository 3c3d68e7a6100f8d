package dk.sdu.im.testkit.browser;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code WEBSOCKET_V2} conversation over an open socket (contract 6.2): LISTING, then each file's data
 * after its OK, until COMPLETED counts every file; then CLOSE (if configured) and a normal close. File ids
 * are the positions in the source list. Single use, single thread.
 */
final class UploadRun {
    /** How long to wait for the server's close frame once the upload is complete. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final BrowserSocket socket;
    private final List<UploadSource> files;
    private final UploadOptions options;
    private final ChunkStreamer streamer;
    private final List<Integer> ok = new ArrayList<>();
    private final List<Integer> skipped = new ArrayList<>();
    private final List<ServerMessage> messages = new ArrayList<>();
    private final long startNanos;
    private int completed;

    /** {@code startNanos}: the {@link System#nanoTime} the reported elapsed time counts from. */
    UploadRun(BrowserSocket socket, List<UploadSource> files, UploadOptions options, long startNanos) {
        this.socket = socket;
        this.startNanos = startNanos;
        this.files = List.copyOf(files);
        this.options = options;
        this.streamer = new ChunkStreamer(socket, options.chunkSize());
    }

    UploadResult execute() {
        Ending ending = converse();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        Optional<CloseStatus> serverClose = finish(ending);
        return new UploadResult(ok, skipped, completed, streamer.bytesSent(), messages, ending, serverClose, elapsed);
    }

    private Ending converse() {
        try {
            socket.sendBinary(V2Frames.listing(listing()));
            while (completed < files.size()) {
                Optional<SocketEvent> event = socket.next(options.timeout());
                if (event.isEmpty()) {
                    return new Ending.TimedOut("COMPLETED " + files.size() + " (have " + completed + ")");
                }
                Optional<Ending> end = handle(event.get());
                if (end.isPresent()) {
                    return end.get();
                }
            }
            return new Ending.Completed();
        } catch (IOException e) {
            return BrowserSocket.endingFor(e, "a send to finish");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Ending.Failed("interrupted");
        }
    }

    private List<ListingEntry> listing() {
        List<ListingEntry> entries = new ArrayList<>();
        for (int id = 0; id < files.size(); id++) {
            UploadSource file = files.get(id);
            entries.add(new ListingEntry(id, file.size(), file.modifiedAtMs(), file.relPath()));
        }
        return entries;
    }

    private Optional<Ending> handle(SocketEvent event) throws IOException {
        return switch (event) {
            case SocketEvent.Binary binary -> handleMessages(V2Frames.parseServerFrame(binary.data()));
            case SocketEvent.Text ignored -> Optional.empty();
            case SocketEvent.Closed closed -> Optional.of(new Ending.ServerClosed(closed.status()));
            case SocketEvent.Broken broken -> Optional.of(new Ending.Failed(broken.error().toString()));
        };
    }

    private Optional<Ending> handleMessages(List<ServerMessage> batch) throws IOException {
        for (ServerMessage message : batch) {
            messages.add(message);
            Optional<Ending> end = switch (message) {
                case ServerMessage.Ok(int fileId) -> send(fileId);
                case ServerMessage.Skip(int fileId) -> skip(fileId);
                case ServerMessage.Completed(int count) -> complete(count);
                case ServerMessage.Unrecognised(int opcode, int left) -> Optional.of(
                        new Ending.Failed("unrecognised server message: opcode " + opcode + ", " + left + " bytes left"));
            };
            if (end.isPresent()) {
                return end;
            }
        }
        return Optional.empty();
    }

    private Optional<Ending> send(int fileId) throws IOException {
        if (fileId < 0 || fileId >= files.size() || ok.contains(fileId)) {
            return Optional.of(new Ending.Failed("OK for unknown or already sent file id " + fileId));
        }
        ok.add(fileId);
        long limit = options.abort().filter(abort -> abort.fileId() == fileId)
                .map(UploadOptions.Abort::afterBytes).orElse(Long.MAX_VALUE);
        if (streamer.stream(fileId, files.get(fileId).file(), limit)) {
            return Optional.empty();
        }
        socket.abort();
        return Optional.of(new Ending.Aborted("after " + limit + " bytes of file " + fileId));
    }

    private Optional<Ending> skip(int fileId) {
        skipped.add(fileId);
        return Optional.empty();
    }

    private Optional<Ending> complete(int count) {
        completed = Math.max(completed, count);
        return Optional.empty();
    }

    /**
     * Ends the session the way the ending calls for: after completion CLOSE (if configured) and a close
     * handshake; a server's close is answered; anything else cuts the connection. Returns the server's close
     * frame, if one was seen.
     */
    private Optional<CloseStatus> finish(Ending ending) {
        try {
            return switch (ending) {
                case Ending.Completed ignored -> closeAfterCompletion();
                case Ending.ServerClosed closed -> {
                    socket.closeIfOpen();
                    yield Optional.of(closed.status());
                }
                default -> Optional.empty();
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            socket.abort();
        }
    }

    private Optional<CloseStatus> closeAfterCompletion() throws InterruptedException {
        if (options.sendClose()) {
            try {
                socket.sendBinary(V2Frames.close());
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        socket.closeNormally(java.net.http.WebSocket.NORMAL_CLOSURE, "");
        return socket.awaitServerClose(options.timeout().compareTo(CLOSE_WAIT) < 0 ? options.timeout() : CLOSE_WAIT);
    }
}
