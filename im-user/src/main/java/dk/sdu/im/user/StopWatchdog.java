package dk.sdu.im.user;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Makes sure a stop really ends this JVM (DESIGN 4.12): once {@link #arm armed}, it halts the process at the deadline
 * if an orderly exit (shutdown hooks, open transfers) has not ended it by then. IM/Server cannot kill an instance,
 * which runs as another user: SIGKILL to its sudo does not reach the JVM, so the instance must end itself.
 *
 * <p>The thread is a platform daemon started with the process; its loop parks and reads one volatile field, and
 * halting allocates nothing, so it works in a JVM whose other threads are wedged or whose heap is full.
 */
final class StopWatchdog {
    private static final long IDLE_PARK_NANOS = 1_000_000_000L;
    private volatile long deadlineNanos;
    private volatile boolean armed;
    private final Thread thread;

    private StopWatchdog() {
        thread = Thread.ofPlatform().name("stop-watchdog").daemon().unstarted(this::watch);
    }

    static StopWatchdog start() {
        StopWatchdog watchdog = new StopWatchdog();
        watchdog.thread.start();
        return watchdog;
    }

    /** From now, this process ends within {@code within}; an earlier deadline already set stays. */
    void arm(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        if (!armed || deadline - deadlineNanos < 0) {
            deadlineNanos = deadline;
            armed = true;
        }
        LockSupport.unpark(thread);
    }

    private void watch() {
        while (true) {
            if (!armed) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
                continue;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                Runtime.getRuntime().halt(0);
            }
            LockSupport.parkNanos(left);
        }
    }
}
