package dk.sdu.im.ipc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Collects what the package logs, and keeps it off the console, for the duration of each test:
 * {@code @RegisterExtension final LogCapture log = new LogCapture();}
 */
final class LogCapture extends Handler implements BeforeEachCallback, AfterEachCallback {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final Logger logger = Logger.getLogger("dk.sdu.im.ipc");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        setLevel(Level.ALL);
        logger.addHandler(this);
        logger.setUseParentHandlers(false);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.removeHandler(this);
        logger.setUseParentHandlers(true);
    }

    /**
     * Waits for a WARNING or worse whose message contains all the given parts. The bound only stops a broken test: a
     * warning that follows a timer or a peer's close can take seconds to be logged on a loaded machine.
     */
    String awaitWarning(String... parts) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            for (LogRecord record : records) {
                String message = record.getMessage();
                if (record.getLevel().intValue() >= Level.WARNING.intValue()
                        && List.of(parts).stream().allMatch(message::contains)) {
                    return message;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no warning containing " + List.of(parts) + " in " + messages());
    }

    List<String> messages() {
        return records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
