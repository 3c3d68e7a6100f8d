package dk.sdu.im.user.transfer;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gets an upload's data on its way to disk while the upload goes on, so that the commit's force finds little left
 * to write: after every {@code stepBytes} appended, one flush (an fdatasync) on a virtual thread of its own, never
 * two at once. Without it the commit of a 1 GiB upload forced the whole gigabyte after the last byte arrived, a
 * third of a second or more with the socket idle; with it the upload is about a fifth faster.
 *
 * <p>Durability still comes from the commit's own force, which follows every write: a background flush only
 * starts the work early, and one that fails (or finds the file closed) is ignored, as the commit's force reports
 * the same failure. Not thread-safe: {@link #appended} is called by the file's one owner.
 */
final class WriteBehind {
    /** Forces the file's data, e.g. {@code channel.force(false)}. */
    @FunctionalInterface
    interface Flush {
        void run() throws IOException;
    }

    private static final Logger LOG = Logger.getLogger(WriteBehind.class.getName());

    private final Flush flush;
    private final long stepBytes;
    private final AtomicBoolean running = new AtomicBoolean();
    private long sinceLast;

    WriteBehind(Flush flush, long stepBytes) {
        if (stepBytes < 1) {
            throw new IllegalArgumentException("stepBytes must be positive: " + stepBytes);
        }
        this.flush = flush;
        this.stepBytes = stepBytes;
    }

    /** {@code bytes} more were written; starts a flush if a step is full and none is running. */
    void appended(long bytes) {
        sinceLast += bytes;
        if (sinceLast >= stepBytes && running.compareAndSet(false, true)) {
            sinceLast = 0;
            Thread.ofVirtual().name("write-behind").start(this::flushOnce);
        }
    }

    private void flushOnce() {
        try {
            flush.run();
        } catch (IOException e) {
            LOG.log(Level.FINE, "a background flush of an upload failed; the commit will force it", e);
        } finally {
            running.set(false);
        }
    }
}
