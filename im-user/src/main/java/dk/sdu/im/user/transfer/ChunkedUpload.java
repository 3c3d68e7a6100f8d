package dk.sdu.im.user.transfer;

import dk.sdu.im.api.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state of one CHUNKED upload (one token) between its requests: the total size fixed by the first request,
 * where its partial file is, and, once committed, where the file went. Every request takes the lock, so two
 * requests on one token never write at once; the offset rules are those of {@link ChunkedUploads}.
 */
final class ChunkedUpload {
    private final UploadSession session;
    private final ReentrantLock lock = new ReentrantLock();
    private long total = -1;
    private PartialFile.Stored stored;
    private String committed;
    private boolean discarded;

    ChunkedUpload(UploadSession session) {
        this.session = session;
    }

    String id() {
        return session.uploadId();
    }

    boolean expiredAt(Instant now) {
        return !now.isBefore(session.expires());
    }

    /** Handles one request: the chunk at {@code offset} of {@code length} bytes (-1: until the body ends). */
    ChunkOutcome accept(long offset, long total, long length, InputStream body) {
        lock.lock();
        try {
            if (discarded) {
                throw UploadService.unknownLink();
            }
            checkTotal(total);
            if (committed != null) {
                return resentAfterCommit(offset, length);
            }
            return write(offset, length, body);
        } catch (ApiException e) {
            return new ChunkOutcome.Refused(session.ucloudUser(), -1, e);
        } finally {
            lock.unlock();
        }
    }

    /** Deletes the partial file and refuses later requests, unless a request is running now; whether it did. */
    boolean discardIfIdle() {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (stored != null) {
                stored.delete();
                stored = null;
            }
            discarded = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private ChunkOutcome write(long offset, long length, InputStream body) {
        try (PartialFile file = open()) {
            long held = file.position();
            if (offset > held) {
                return refused(held, ApiException.of(409, "The server holds " + held + " bytes of " + session.ucloudPath()
                        + "; continue from offset " + held + ", not " + offset, null));
            }
            if (length >= 0 && offset + length > total) {
                return refused(held, pastTotal(offset + length));
            }
            if (offset < held) {
                file.truncateTo(offset);
            }
            long received;
            try {
                received = copy(file, body, offset, length);
            } catch (IOException clientGone) {
                return new ChunkOutcome.Interrupted(session.ucloudUser(), file.position());
            }
            if (length >= 0 && received < length) {
                return new ChunkOutcome.Interrupted(session.ucloudUser(), file.position());
            }
            return offset + received == total ? commit(file) : new ChunkOutcome.Stored(session.ucloudUser(), offset + received);
        }
    }

    /**
     * Streams the body to the file. A body of unknown length is read up to the total (and the chunk limit); one
     * byte more means the chunk was too long, and what it wrote is cut off again.
     */
    private long copy(PartialFile file, InputStream body, long offset, long length) throws IOException {
        if (length >= 0) {
            return file.transferFrom(body, length);
        }
        long limit = Math.min(total - offset, ChunkedUploads.MAX_CHUNK_BYTES);
        long received = file.transferFrom(body, limit);
        if (received == limit && body.read() >= 0) {
            file.truncateTo(offset);
            throw limit < total - offset ? ChunkedUploads.tooLarge() : pastTotal(total + 1);
        }
        return received;
    }

    private ChunkOutcome commit(PartialFile file) {
        stored = null; // a failed commit deletes the partial file, and a later request starts over
        committed = file.commit(null);
        return new ChunkOutcome.Completed(session.ucloudUser(), total, committed);
    }

    /** A request after the file was committed: a resend of the last chunk (its answer was lost) succeeds again. */
    private ChunkOutcome resentAfterCommit(long offset, long length) {
        if (length >= 0 && offset + length == total) {
            return new ChunkOutcome.Completed(session.ucloudUser(), total, committed);
        }
        return refused(total, ApiException.of(409, "This upload is complete already: " + committed, null));
    }

    private PartialFile open() {
        if (stored != null) {
            try {
                return PartialFile.reopen(stored);
            } catch (ApiException e) {
                if (e.status() != 404) {
                    throw e;
                }
                stored = null; // deleted behind our back: start over (a request past 0 then learns the offset is 0)
            }
        }
        PartialFile file = PartialFile.create(session.destination(""), session.uploadId());
        stored = file.stored();
        return file;
    }

    private void checkTotal(long requested) {
        if (total < 0) {
            total = requested;
        } else if (requested != total) {
            throw ApiException.badRequest("Chunked-Upload-Total-Size changed from " + total + " to " + requested
                    + "; an upload keeps its size");
        }
    }

    private ApiException pastTotal(long end) {
        return ApiException.badRequest("The chunk would end at byte " + end + ", past the total size " + total);
    }

    private ChunkOutcome refused(long held, ApiException error) {
        return new ChunkOutcome.Refused(session.ucloudUser(), held, error);
    }
}
