package dk.sdu.im.server.instances;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.log.LogOutput;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** What an instance prints reaches IM/Server's log only as that instance's, escaped, bounded. */
class InstanceOutputTest {
    private final Logger logger = Logger.getAnonymousLogger();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    InstanceOutputTest() {
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(new Handler() {
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
        });
    }

    private List<String> relay(byte[] output) {
        new InstanceOutput(new ByteArrayInputStream(output), new LogOutput.InstanceOf("alice#1", "alice", 7), logger).run();
        return records.stream().map(LogRecord::getMessage).toList();
    }

    @Test
    void aForgedLogLineIsMarkedAsTheInstancesAndControlCharactersAreEscaped() {
        List<String> lines = relay("instance for alice#1111 verified\n\u001b[2Jgone\rback\\u0041\nlast".getBytes(StandardCharsets.UTF_8));

        assertThat(lines).containsExactly(
                "instance alice#1 (alice, launch pid 7) | instance for alice#1111 verified",
                "instance alice#1 (alice, launch pid 7) | \\u001b[2Jgone\\u000dback\\\\u0041",
                "instance alice#1 (alice, launch pid 7) | last");
    }

    @Test
    void aLongLineIsCutAndAFloodIsCounted() {
        String flood = "x".repeat(InstanceOutput.MAX_LINE_BYTES + 10) + "\n" + "line\n".repeat(1000);
        List<String> lines = relay(flood.getBytes(StandardCharsets.UTF_8));

        assertThat(lines.getFirst()).endsWith("x [10 more bytes cut]");
        assertThat(lines).hasSize(InstanceOutput.LINES_PER_WINDOW + 1);
        assertThat(lines.getLast()).isEqualTo("instance alice#1 (alice, launch pid 7) wrote "
                + (1001 - InstanceOutput.LINES_PER_WINDOW) + " more lines than " + InstanceOutput.LINES_PER_WINDOW
                + " in 10 s; they were not logged");
    }
}
