package dk.sdu.im.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A slow source never makes a reader wait, and is read at most once per period however often it is asked. */
class LastKnownTest {
    @Test
    void aHangingReadDelaysNobodyAndStartsOnce() throws Exception {
        var release = new CountDownLatch(1);
        var reads = new AtomicInteger();
        var figure = new LastKnown<>(() -> {
            reads.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 7;
        }, 0, Duration.ZERO, Clock.systemUTC());

        for (int i = 0; i < 100; i++) {
            assertThat(figure.get()).isZero();
        }
        release.countDown();
        while (figure.get() != 7) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(reads.get()).isBetween(1, 2); // the one hanging read, and perhaps the one the last get() started
    }

    @Test
    void aFailedReadKeepsTheLastValue() throws Exception {
        var calls = new AtomicInteger();
        var figure = new LastKnown<Integer>(() -> {
            if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("database gone");
            }
            return 5;
        }, 0, Duration.ZERO, Clock.systemUTC());

        while (figure.get() != 5) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        while (calls.get() < 3) {
            assertThat(figure.get()).isEqualTo(5);
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(figure.get()).isEqualTo(5);
    }
}
