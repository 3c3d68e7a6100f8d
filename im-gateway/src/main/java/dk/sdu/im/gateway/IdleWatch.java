package dk.sdu.im.gateway;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The idle timeout of a {@link ChannelCopy}, whose channel reads and writes know no timeout (a socket's read
 * timeout applies to its stream only): runs {@code onIdle} (which closes the sockets, failing the blocked calls)
 * once no {@link #progress} was reported for {@code idle}. A socket's read timeout led to a close as well, so
 * the outcome is the same; unlike it, this also ends a copy whose receiver stopped reading. A watch that is never told
 * of progress is a deadline: {@link TlsTransport} bounds a whole TLS handshake with one.
 */
final class IdleWatch implements AutoCloseable {
    private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    private final Thread thread;

    private IdleWatch(Duration idle, Runnable onIdle) {
        this.thread = Thread.ofVirtual().name("gateway-idle-watch").start(() -> watch(idle, onIdle));
    }

    static IdleWatch start(Duration idle, Runnable onIdle) {
        return new IdleWatch(idle, onIdle);
    }

    /** Bytes moved: the idle time starts again. */
    void progress() {
        lastProgress.set(System.nanoTime());
    }

    private void watch(Duration idle, Runnable onIdle) {
        try {
            for (long left = idle.toNanos(); left > 0; left = lastProgress.get() + idle.toNanos() - System.nanoTime()) {
                Thread.sleep(Duration.ofNanos(left));
            }
            onIdle.run();
        } catch (InterruptedException e) {
            // The copy ended first.
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
