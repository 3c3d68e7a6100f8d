package dk.sdu.im.user.transfer;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.user.transfer.UploadFrames.Announced;
import dk.sdu.im.user.transfer.UploadFrames.Malformed;
import dk.sdu.im.api.http.CloseCodes;
import dk.sdu.im.api.http.Incoming;
import dk.sdu.im.api.http.WebSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One WEBSOCKET_V2 upload session (contract 6.2), run on its connection's thread, as the user.
 *
 * <p>Announced files wait in a queue; a file gets OK when one of {@link Limits#maxOpenFiles} slots is free, and
 * its CHUNKs stream straight from the socket into its {@link PartialFile} (no buffering beyond one read buffer,
 * so a slow disk slows the socket down: back-pressure is TCP's). A file whose every byte arrived is committed
 * (renamed into place, its mtime set) and counted in COMPLETED. A file already present with the same size and an
 * mtime within a minute of the announced one is answered with SKIP. Replies to one browser message go out as
 * one frame.
 *
 * <p>The session ends when the browser sends CLOSE (the token is revoked), closes the socket, stays silent for
 * {@link Limits#idle} with nothing in flight, or breaks the protocol (close 1008 with the reason). A file that
 * cannot be written ends it with close code {@code 4000 + status} (e.g. 4403, 4507) and the error's text. Every
 * partial file still open at the end is deleted: nothing half-written ever appears under its final name.
 */
final class WebSocketUpload {
    private static final Logger LOG = Logger.getLogger(WebSocketUpload.class.getName());
    private static final long SAME_MTIME_MILLIS = 60_000;

    /** Bounds of one session: open files, announced files waiting, and the silences allowed. */
    record Limits(int maxOpenFiles, int maxWaiting, Duration idle, Duration stalled) {
        static final Limits DEFAULT = new Limits(64, 100_000, Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    private final UploadSession session;
    private final UploadService uploads;
    private final TransferMeter meter;
    private final String token;
    private final Limits limits;
    private final Runnable onActivity;
    private final ArrayDeque<Announced> waiting = new ArrayDeque<>();
    private final Map<Integer, Writing> open = new HashMap<>();
    private final Set<Integer> inFlight = new HashSet<>();
    private final UploadFrames.Replies replies = new UploadFrames.Replies();
    private int completed;
    private int reported;

    /** A file that got OK: its partial file and what was announced. */
    private record Writing(Announced file, PartialFile partial) {
    }

    WebSocketUpload(UploadSession session, UploadService uploads, String token, Limits limits, Runnable onActivity,
                    TransferMeter meter) {
        this.meter = meter;
        this.session = session;
        this.uploads = uploads;
        this.token = token;
        this.limits = limits;
        this.onActivity = onActivity;
    }

    void run(WebSocket socket) throws IOException {
        try {
            converse(socket);
        } catch (Malformed e) {
            socket.close(CloseCodes.POLICY_VIOLATION, e.getMessage());
        } catch (ApiException e) {
            LOG.info(() -> "upload to " + session.ucloudPath() + " stopped: " + e.why());
            socket.close(4000 + Math.min(e.status(), 999), e.why() == null ? "upload failed" : e.why());
        } catch (SocketTimeoutException e) {
            LOG.fine(() -> "upload to " + session.ucloudPath() + " idle; closing");
        } finally {
            if (!open.isEmpty()) {
                LOG.log(Level.INFO, "upload to {0} ended with {1} files incomplete; their partial files were deleted",
                        new Object[] {session.ucloudPath(), open.size()});
            }
            open.values().forEach(writing -> writing.partial().abort());
            open.clear();
        }
    }

    private void converse(WebSocket socket) throws IOException {
        while (true) {
            socket.setIdleTimeout(open.isEmpty() && waiting.isEmpty() ? limits.idle() : limits.stalled());
            switch (socket.read()) {
                case Incoming.Closed _ -> {
                    return;
                }
                case Incoming.Text text -> {
                    if (text.text().equals("ping")) {
                        socket.sendText("pong");
                    }
                }
                case Incoming.Binary binary -> {
                    if (!handle(binary.payload())) {
                        uploads.revoke(token);
                        socket.close(CloseCodes.NORMAL, "");
                        return;
                    }
                }
            }
            grant();
            if (completed != reported) {
                replies.completed(completed);
                reported = completed;
            }
            if (!replies.isEmpty()) {
                socket.sendBinary(replies.take());
            }
        }
    }

    /** Handles one browser message; false on CLOSE. */
    private boolean handle(InputStream payload) throws IOException {
        int opcode = payload.read();
        switch (opcode) {
            case UploadFrames.LISTING -> {
                for (Announced file : UploadFrames.listing(payload, limits.maxWaiting() - waiting.size())) {
                    announce(file);
                }
            }
            case UploadFrames.CHUNK -> chunk(UploadFrames.fileId(payload), payload);
            case UploadFrames.SKIP -> skipped(UploadFrames.fileId(payload));
            case UploadFrames.CLOSE -> {
                return false;
            }
            default -> throw new Malformed(opcode < 0 ? "an empty message" : "unknown opcode " + opcode);
        }
        return true;
    }

    private void announce(Announced file) {
        if (inFlight.contains(file.fileId())) {
            return; // announced twice while in flight: the first announcement stands
        }
        if (alreadyThere(file)) {
            replies.skip(file.fileId());
            completed++;
        } else {
            waiting.add(file);
            inFlight.add(file.fileId());
        }
    }

    /** The file exists with the announced size and an mtime within a minute: the Go module's resume rule. */
    private boolean alreadyThere(Announced file) {
        Optional<BasicFileAttributes> existing = session.destination(file.relPath()).existing();
        return existing.isPresent() && existing.get().isRegularFile() && existing.get().size() == file.size()
                && Math.abs(existing.get().lastModifiedTime().toMillis() - file.modifiedAtMs()) < SAME_MTIME_MILLIS;
    }

    /**
     * Sends OK for waiting files while slots are free; empty files are complete at once. A file's destination is
     * resolved again here rather than kept from its announcement: up to 100,000 files may wait, and their paths
     * would not fit IM/User's heap.
     */
    private void grant() {
        while (open.size() < limits.maxOpenFiles() && !waiting.isEmpty()) {
            Announced file = waiting.poll();
            PartialFile partial = PartialFile.create(session.destination(file.relPath()), uploads.newUploadId());
            replies.ok(file.fileId());
            if (file.size() == 0) {
                commit(new Writing(file, partial));
            } else {
                open.put(file.fileId(), new Writing(file, partial));
            }
        }
    }

    private void chunk(int fileId, InputStream data) throws IOException {
        Writing writing = open.get(fileId);
        if (writing == null) {
            if (data.read() >= 0) {
                throw new Malformed("data for file " + fileId + ", which has no OK");
            }
            return; // the empty chunk the browser sends for an empty file, already complete
        }
        long missing = writing.file().size() - writing.partial().position();
        meter.moved(Operation.UPLOAD, writing.partial().transferFrom(data, missing));
        onActivity.run();
        if (data.read() >= 0) {
            throw new Malformed("file " + fileId + " got more than its announced " + writing.file().size() + " bytes");
        }
        if (writing.partial().position() == writing.file().size()) {
            open.remove(fileId);
            commit(writing);
        }
    }

    private void commit(Writing writing) {
        writing.partial().commit(Instant.ofEpochMilli(writing.file().modifiedAtMs()));
        inFlight.remove(writing.file().fileId());
        completed++;
    }

    /** The browser gave up on a file: its partial file goes, and it counts as finished. */
    private void skipped(int fileId) {
        if (!inFlight.remove(fileId)) {
            return;
        }
        Writing writing = open.remove(fileId);
        if (writing != null) {
            writing.partial().abort();
        } else {
            waiting.removeIf(w -> w.fileId() == fileId);
        }
        completed++;
    }
}
