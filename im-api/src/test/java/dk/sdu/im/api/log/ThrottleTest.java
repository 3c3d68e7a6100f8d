package dk.sdu.im.api.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Per second at most the limit; the rest counted and reported once, also when the flood stops. */
class ThrottleTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private final List<Long> reports = new CopyOnWriteArrayList<>();

    @Test
    void admitsTheLimitEachSecondAndReportsWhatItLeftOutWithTheNextEvent() {
        var clock = new AtomicLong(5 * SECOND);
        var throttle = new Throttle("test", 3, clock::get, reports::add);

        assertThat(admitted(throttle, 10)).isEqualTo(3);
        clock.addAndGet(SECOND / 2);
        assertThat(admitted(throttle, 5)).as("the same second").isZero();
        assertThat(reports).isEmpty();
        clock.addAndGet(SECOND / 2);
        assertThat(admitted(throttle, 4)).as("a new second").isEqualTo(3);
        assertThat(reports).containsExactly(12L);
        clock.addAndGet(10 * SECOND);
        assertThat(admitted(throttle, 2)).isEqualTo(2);
        assertThat(reports).containsExactly(12L, 1L);
    }

    @Test
    void aQuietSecondReportsNothing() {
        var clock = new AtomicLong();
        var throttle = new Throttle("test", 3, clock::get, reports::add);

        admitted(throttle, 3);
        clock.addAndGet(2 * SECOND);
        admitted(throttle, 3);

        assertThat(reports).isEmpty();
    }

    @Test
    void aFloodThatStopsIsReportedWhenItsSecondIsOver() throws Exception {
        var throttle = new Throttle("test", 2, System::nanoTime, reports::add);

        assertThat(admitted(throttle, 50)).isEqualTo(2);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (reports.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(reports).containsExactly(48L);
    }

    private static int admitted(Throttle throttle, int times) {
        int admitted = 0;
        for (int i = 0; i < times; i++) {
            admitted += throttle.admit() ? 1 : 0;
        }
        return admitted;
    }
}
