package dk.sdu.im.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** --stop-with-stdin: IM/Server stops once its parent's end of the pipe closes, and not before. */
class StdinWatchTest {
    @Test
    void stopsOnceWhenThePipeClosesNotWhileDataArrives() throws Exception {
        var parent = new PipedOutputStream();
        var stdin = new PipedInputStream(parent);
        var stops = new AtomicInteger();
        var stopped = new CountDownLatch(1);

        Thread watch = StdinWatch.start(stdin, () -> {
            stops.incrementAndGet();
            stopped.countDown();
        });
        parent.write("anything\n".getBytes());
        parent.flush();
        assertThat(stopped.await(200, TimeUnit.MILLISECONDS)).as("stopped while the parent lives").isFalse();
        parent.close();

        assertThat(stopped.await(30, TimeUnit.SECONDS)).isTrue();
        watch.join();
        assertThat(stops).hasValue(1);
        assertThat(watch.isDaemon()).as("never keeps IM/Server alive itself").isTrue();
    }

    @Test
    void aBrokenStandardInputAlsoStops() throws Exception {
        var stopped = new CountDownLatch(1);
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Bad file descriptor");
            }
        };

        StdinWatch.start(broken, stopped::countDown);

        assertThat(stopped.await(30, TimeUnit.SECONDS)).isTrue();
    }
}
