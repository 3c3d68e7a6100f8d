package dk.sdu.im.user.transfer;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.rpc.UsernameHints;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code CHUNKED} upload protocol (contract 6.3), without an HTTP server in it ({@link ChunkedUploadHandler}
 * adapts it). Each request carries the token, {@code Chunked-Upload-Offset}, {@code Chunked-Upload-Total-Size} and
 * a chunk of at most {@value #MAX_CHUNK_BYTES} bytes as its body, which is streamed to the upload's
 * {@link PartialFile}, never held in memory.
 *
 * <p>Offsets: an offset equal to the bytes held appends; a smaller one is a resend, and the file is cut back to it
 * first; a larger one would leave a gap and is refused (409, with the bytes held). The total size is fixed by the
 * first request of a token (400 if a later one differs, or a chunk would pass it). When the bytes held reach the
 * total, the file is committed (renamed into place), and a resend of the last chunk after that is answered as
 * success again. An empty file is one request with {@code Chunked-Upload-Total-Size: 0}, offset 0 and an empty
 * body, which commits it at once. The frontend's loop never sends that request (it posts only while bytes are
 * left, then reports success), so an empty file it uploads by CHUNKED never appears; that is why
 * {@link UploadProtocol} answers CHUNKED only to a client that offers nothing else. A body that ends early (the client went away) keeps what
 * arrived, so the client resumes from the size the server then reports.
 *
 * <p>Requests on one token are serialised (one lock per upload); different uploads run in parallel. Between
 * requests no descriptor is held: the partial file is found again by name ({@link PartialFile#reopen}).
 *
 * <p>Expiry: an upload whose token has expired is swept, its partial file deleted and its state dropped, by
 * {@link #sweepExpired}. That runs by itself at the start of a request when the last sweep is at least
 * {@link #SWEEP_INTERVAL} old; the composition root should also call it on a schedule (an idle instance gets no
 * requests) and call {@link #discardAll} when the process stops, since tokens die with the process. The memory
 * kept is one small record per token that was used, bounded by the token limit.
 *
 * <p>Thread-safe.
 */
public final class ChunkedUploads {
    /** The largest chunk accepted (the browser sends up to 16 MB). */
    public static final long MAX_CHUNK_BYTES = 16L * 1024 * 1024;
    /** How often requests sweep expired uploads by themselves. */
    public static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final UploadService uploads;
    private final TransferMeter meter;
    private final Clock clock;
    private final ConcurrentMap<String, ChunkedUpload> live = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> nextSweep;

    public ChunkedUploads(UploadService uploads, Clock clock) {
        this(uploads, clock, TransferMeter.NONE);
    }

    /** @param meter told of the bytes each chunk brings and of each chunk's request while it runs */
    public ChunkedUploads(UploadService uploads, Clock clock, TransferMeter meter) {
        this.meter = Objects.requireNonNull(meter, "meter");
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nextSweep = new AtomicReference<>(clock.instant().plus(SWEEP_INTERVAL));
    }

    /**
     * One request as the client sent it; the numbers are the raw header values (null when absent).
     *
     * @param contentLength the body's declared length, -1 when unknown (chunked transfer encoding)
     */
    public record Chunk(String token, UsernameHints hints, String offset, String totalSize, long contentLength) {
    }

    /**
     * Handles one request whose body is {@code body}; {@code onAccepted} runs once the token was accepted, before
     * the body is read. Never throws for anything the client did; see {@link ChunkOutcome}.
     */
    public ChunkOutcome accept(Chunk chunk, InputStream body, Runnable onAccepted) {
        sweepIfDue();
        UploadSession session;
        try {
            session = uploads.redeem(chunk.token(), chunk.hints());
        } catch (ApiException e) {
            return new ChunkOutcome.Refused(null, -1, e);
        }
        onAccepted.run();
        try {
            if (session.kind() != UploadKind.FILE) {
                throw ApiException.badRequest("A CHUNKED upload carries one file; this upload is a folder");
            }
            long offset = number(chunk.offset(), "Chunked-Upload-Offset");
            long total = number(chunk.totalSize(), "Chunked-Upload-Total-Size");
            if (chunk.contentLength() > MAX_CHUNK_BYTES) {
                throw tooLarge();
            }
            ChunkedUpload upload = live.computeIfAbsent(session.uploadId(), id -> new ChunkedUpload(session));
            meter.started(Operation.UPLOAD);
            try {
                return upload.accept(offset, total, chunk.contentLength(), new CountingInput(body, meter));
            } finally {
                meter.ended(Operation.UPLOAD);
            }
        } catch (ApiException e) {
            return new ChunkOutcome.Refused(session.ucloudUser(), -1, e);
        }
    }

    /** Deletes the partial files of expired uploads and forgets them; returns how many. Uploads busy now wait. */
    public int sweepExpired() {
        Instant now = clock.instant();
        int swept = 0;
        for (ChunkedUpload upload : live.values()) {
            if (upload.expiredAt(now) && upload.discardIfIdle()) {
                live.remove(upload.id(), upload);
                swept++;
            }
        }
        return swept;
    }

    /** Deletes every partial file this instance holds and forgets all uploads; for when the process stops. */
    public void discardAll() {
        for (ChunkedUpload upload : live.values()) {
            if (upload.discardIfIdle()) {
                live.remove(upload.id(), upload);
            }
        }
    }

    /** How many uploads are remembered (for tests and diagnostics). */
    int remembered() {
        return live.size();
    }

    private void sweepIfDue() {
        Instant now = clock.instant();
        Instant due = nextSweep.get();
        if (!now.isBefore(due) && nextSweep.compareAndSet(due, now.plus(SWEEP_INTERVAL))) {
            sweepExpired();
        }
    }

    static ApiException tooLarge() {
        return ApiException.tooLarge("A chunk may hold at most " + MAX_CHUNK_BYTES + " bytes");
    }

    private static long number(String header, String name) {
        if (header == null || header.isBlank()) {
            throw ApiException.badRequest("The request has no " + name + " header");
        }
        try {
            long value = Long.parseLong(header.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest(name + " must be a non-negative number of bytes: " + header.strip());
    }
}
