package dk.sdu.im.gateway;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The idle and write timeouts of one or two {@link ChannelCopy}s, whose channel reads and writes know no timeout (a
 * socket's read timeout applies to its stream only): runs {@code onIdle} (which closes the sockets, failing the
 * blocked calls) once no {@link #progress} was reported for {@code idle}, or once one {@link Writes} has had a write
 * under way for {@code idle} (found within half again that time). The second matters for a tunnel: a client that
 * keeps sending but stopped reading reports progress in one direction while the other direction's write never
 * completes, and it would otherwise pin the tunnel, its two sockets and its threads forever.
 * A watch that is never told of progress is a deadline: {@link TlsTransport} bounds a whole TLS handshake with one.
 */
final class IdleWatch implements AutoCloseable {
    private static final long NOT_WRITING = Long.MIN_VALUE;

    private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    private final List<Writes> writers = new CopyOnWriteArrayList<>();
    private final Thread thread;

    private IdleWatch(Duration idle, Runnable onIdle) {
        this.thread = Thread.ofVirtual().name("gateway-idle-watch").start(() -> watch(idle.toNanos(), onIdle));
    }

    static IdleWatch start(Duration idle, Runnable onIdle) {
        return new IdleWatch(idle, onIdle);
    }

    /** Bytes moved: the idle time starts again. */
    void progress() {
        lastProgress.set(System.nanoTime());
    }

    /** A new direction whose writes this watch times. */
    Writes writes() {
        Writes writes = new Writes();
        writers.add(writes);
        return writes;
    }

    /**
     * One direction's writes: a write that moves no byte for the idle time ends the copy even while the other
     * direction moves. Used by that direction's thread only.
     */
    final class Writes {
        private volatile long since = NOT_WRITING;

        void begin() {
            since = System.nanoTime();
        }

        /** Part of the write went out: its time starts again, and this is progress. */
        void moved() {
            since = System.nanoTime();
            progress();
        }

        /** The write completed: also progress. */
        void end() {
            since = NOT_WRITING;
            progress();
        }

        private long deadline(long idle) {
            long started = since;
            return started == NOT_WRITING ? Long.MAX_VALUE : started + idle;
        }
    }

    private void watch(long idle, Runnable onIdle) {
        try {
            for (long left = idle; left > 0; left = nextDeadline(idle) - System.nanoTime()) {
                // A write may begin while this sleeps; waking at least every half idle time finds its deadline in time.
                Thread.sleep(Duration.ofNanos(Math.min(left, Math.max(1, idle / 2))));
            }
            onIdle.run();
        } catch (InterruptedException e) {
            // The copy ended first.
        }
    }

    private long nextDeadline(long idle) {
        long deadline = lastProgress.get() + idle;
        for (Writes writes : writers) {
            deadline = Math.min(deadline, writes.deadline(idle));
        }
        return deadline;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
