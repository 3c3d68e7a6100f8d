package dk.sdu.im.user.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Background flushes start once per step of appended bytes, one at a time, and a failed one changes nothing. */
class WriteBehindTest {
    private static final long STEP = 100;

    private final AtomicInteger started = new AtomicInteger();
    private final Semaphore finished = new Semaphore(0);
    private final CountDownLatch release = new CountDownLatch(1);

    @Test
    void flushesOnlyOnceAStepIsWritten() throws Exception {
        WriteBehind writeBehind = new WriteBehind(this::flush, STEP);
        release.countDown();

        writeBehind.appended(60);
        writeBehind.appended(39);
        assertThat(started).as("99 bytes are less than a step").hasValue(0);

        writeBehind.appended(1);
        assertThat(finished.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        assertThat(started).hasValue(1);
    }

    @Test
    void neverRunsTwoFlushesAtOnceAndStartsAgainAfterOneEnded() throws Exception {
        WriteBehind writeBehind = new WriteBehind(this::flush, STEP);

        writeBehind.appended(STEP);
        writeBehind.appended(STEP);
        writeBehind.appended(STEP);
        release.countDown();
        assertThat(finished.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        assertThat(started).as("the steps written while one flush ran start none").hasValue(1);

        appendUntilStarted(writeBehind, 2);
        assertThat(started).hasValue(2);
    }

    @Test
    void aFailedFlushIsIgnoredAndTheNextStepFlushesAgain() throws Exception {
        WriteBehind writeBehind = new WriteBehind(() -> {
            started.incrementAndGet();
            finished.release();
            throw new IOException("disk gone");
        }, STEP);

        writeBehind.appended(STEP);
        assertThat(finished.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        appendUntilStarted(writeBehind, 2);

        assertThat(started).hasValue(2);
    }

    /**
     * Appends a step at a time until {@code count} flushes have started: a flush counts as running until a moment
     * after it signalled {@code finished}, and a step written in that moment starts nothing.
     */
    private void appendUntilStarted(WriteBehind writeBehind, int count) throws InterruptedException {
        for (int i = 0; i < 500 && started.get() < count; i++) {
            writeBehind.appended(STEP);
            finished.tryAcquire(10, TimeUnit.MILLISECONDS);
        }
    }

    private void flush() throws IOException {
        started.incrementAndGet();
        try {
            release.await();
        } catch (InterruptedException e) {
            throw new IOException(e);
        } finally {
            finished.release();
        }
    }
}
