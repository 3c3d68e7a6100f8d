package dk.sdu.im.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A channel copy's idle timeout: without progress, the sockets are closed. */
class IdleWatchTest {
    @Test
    void closesWhenNoProgressIsReportedForTheIdleTime() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);

        try (IdleWatch watch = IdleWatch.start(Duration.ofMillis(50), closed::countDown)) {
            watch.progress();

            assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
