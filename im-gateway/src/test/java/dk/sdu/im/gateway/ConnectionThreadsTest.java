package dk.sdu.im.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connections run on pooled platform threads while one is free and on virtual threads beyond: a flood of connections
 * that never end takes the pool, and the next connection still runs.
 */
class ConnectionThreadsTest {
    private final ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
    private final ConnectionThreads threads = new ConnectionThreads(virtual);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        threads.shutdownNow();
        virtual.shutdownNow();
        assertThat(threads.awaitTermination(Duration.ofSeconds(10))).isTrue();
        assertThat(virtual.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void runsOnPlatformThreadsWhileOneIsFreeThenOnVirtualOnes() throws Exception {
        List<Thread> ran = new CopyOnWriteArrayList<>();
        int count = ConnectionThreads.PLATFORM_THREADS + 10;
        CountDownLatch started = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            threads.execute(() -> {
                ran.add(Thread.currentThread());
                started.countDown();
                awaitRelease();
            });
        }

        assertThat(started.await(30, TimeUnit.SECONDS)).as("every connection runs, the pool full or not").isTrue();
        assertThat(ran.stream().filter(thread -> !thread.isVirtual()).distinct().count())
                .isEqualTo(ConnectionThreads.PLATFORM_THREADS);
        assertThat(ran.stream().filter(Thread::isVirtual).count()).isEqualTo(10);
    }

    @Test
    void reusesAPooledThreadOnceItsConnectionEnded() throws Exception {
        List<Thread> ran = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            CountDownLatch done = new CountDownLatch(1);
            threads.execute(() -> {
                ran.add(Thread.currentThread());
                done.countDown();
            });
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            GatewayFixture.eventually("the pooled thread is idle again", () -> ran.getLast().getState() != Thread.State.RUNNABLE);
        }

        assertThat(ran).allMatch(thread -> !thread.isVirtual());
        assertThat(ran.stream().distinct().count()).as("one thread served all three in turn").isEqualTo(1);
    }

    @Test
    void shutdownInterruptsPooledConnectionsAndRefusesNewOnesOnceBothAreClosed() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        threads.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(5));
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        virtual.shutdownNow();
        threads.shutdownNow();

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> threads.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
