package dk.sdu.im.testkit.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Every request FakeCore handled, in completion order. A request is appended after its effects are
 * visible in the catalogues, so a test that wakes from {@link #await} can inspect state at once.
 * Waiting uses a condition signalled on append, never a sleep loop.
 *
 * <p>Bounded so that benchmarks do not exhaust memory: past {@link #LIMIT} entries the oldest half is
 * dropped. Entries are numbered absolutely, so a waiter never misses or re-reads one across a drop.
 */
final class RequestLog {
    static final int LIMIT = 100_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private long dropped;

    void append(RecordedRequest request) {
        lock.lock();
        try {
            if (requests.size() >= LIMIT) {
                int half = requests.size() / 2;
                requests.subList(0, half).clear();
                dropped += half;
            }
            requests.add(request);
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    List<RecordedRequest> snapshot() {
        lock.lock();
        try {
            return List.copyOf(requests);
        } finally {
            lock.unlock();
        }
    }

    void clear() {
        lock.lock();
        try {
            dropped += requests.size();
            requests.clear();
        } finally {
            lock.unlock();
        }
    }

    /** True as soon as any request (already logged or arriving) matches; false after {@code timeout}. */
    boolean await(Predicate<RecordedRequest> matcher, Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            long checked = dropped;
            while (true) {
                for (checked = Math.max(checked, dropped); checked < dropped + requests.size(); checked++) {
                    if (matcher.test(requests.get((int) (checked - dropped)))) {
                        return true;
                    }
                }
                if (remaining <= 0) {
                    return false;
                }
                remaining = appended.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }
}
