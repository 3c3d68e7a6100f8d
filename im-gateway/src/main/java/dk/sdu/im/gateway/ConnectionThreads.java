package dk.sdu.im.gateway;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where client connections run: on one of at most {@link #PLATFORM_THREADS} pooled platform threads while one is free,
 * else on a new virtual thread. Purpose: latency. A virtual thread that waits for a socket parks and is woken by the
 * JDK's poller thread, a hand-off that cost about 50 µs per relayed request on this gateway (measured with
 * {@code RelayBench} on 2 cores: a small GET added 100 µs on virtual threads, 42 µs on pooled ones, HAProxy 30 µs); a
 * platform thread waits in the kernel's {@code poll} and is woken directly. Virtual threads stay the overflow, so a
 * flood of idle connections takes only the pooled threads and every further connection is still served, as before.
 *
 * <p>Bulk copies and tunnels need a virtual thread to splice ({@link KernelSplice}); the exchange runs those on
 * {@code virtual} when its connection holds a platform thread.
 */
final class ConnectionThreads {
    /** Enough for the connections of a busy site's Core and browsers, few enough to cost nothing idle. */
    static final int PLATFORM_THREADS = 64;
    /** How long an unused pooled thread lives. */
    private static final Duration KEEP = Duration.ofSeconds(60);

    private final ThreadPoolExecutor platform;
    private final ExecutorService virtual;

    ConnectionThreads(ExecutorService virtual) {
        this.virtual = virtual;
        this.platform = new ThreadPoolExecutor(0, PLATFORM_THREADS, KEEP.toSeconds(), TimeUnit.SECONDS,
                new SynchronousQueue<>(), Thread.ofPlatform().daemon().name("im-gateway-connection-", 0).factory());
    }

    /**
     * Runs {@code connection} on an idle pooled thread, a new one while fewer than {@link #PLATFORM_THREADS} exist,
     * or a virtual thread.
     *
     * @throws RejectedExecutionException once {@link #shutdownNow} has run
     */
    void execute(Runnable connection) {
        try {
            platform.execute(connection);
        } catch (RejectedExecutionException e) {
            virtual.execute(connection);
        }
    }

    /** Interrupts every pooled thread (the virtual ones belong to {@code virtual}, whose owner ends them). */
    void shutdownNow() {
        platform.shutdownNow();
    }

    /** Whether the pooled threads ended within {@code wait}. */
    boolean awaitTermination(Duration wait) throws InterruptedException {
        return platform.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
