package dk.sdu.im.user.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The request log's lines ({@code dk.sdu.im.request}) while open, for tests that wait for one. */
final class RequestLogLines extends Handler implements AutoCloseable {
    private final Logger requestLog = Logger.getLogger("dk.sdu.im.request");
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    RequestLogLines() {
        requestLog.addHandler(this);
    }

    /** Waits for the line of {@code call} (never asserts on how long it took; the bound only stops a broken test). */
    String await(String call) throws InterruptedException {
        while (true) {
            String line = lines.poll(30, TimeUnit.SECONDS);
            assertThat(line).as("request log line for " + call).isNotNull();
            if (line.startsWith("call=" + call + " ")) {
                return line;
            }
        }
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        requestLog.removeHandler(this);
    }
}
