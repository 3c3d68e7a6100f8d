package dk.sdu.im.server.instances;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import dk.sdu.im.api.log.LogOutput;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Relays what one instance writes to its stdout and stderr (one pipe, read by IM/Server) into IM/Server's log, each
 * line marked with whose instance wrote it and with every control character escaped (DESIGN 4.10's spirit): the
 * instance is its user's process, so a line it prints is that user's words and must never pass for IM/Server's own
 * ("instance for alice#1111 verified") or rewrite the terminal. Lines longer than {@link #MAX_LINE_BYTES} are cut, and
 * at most {@link #LINES_PER_WINDOW} lines per {@link #WINDOW_NANOS} are logged, with a count of the rest, so one user
 * cannot flood the log either. The pipe is always drained: an instance never blocks on a full pipe.
 */
final class InstanceOutput implements Runnable {
    static final int MAX_LINE_BYTES = 4096;
    static final int LINES_PER_WINDOW = 200;
    static final long WINDOW_NANOS = 10_000_000_000L;
    private static final Logger LOG = Logger.getLogger(InstanceOutput.class.getName());

    private final InputStream output;
    private final LogOutput.InstanceOf instance;
    private final String who;
    private final Logger log;
    private long windowStart = System.nanoTime();
    private int linesInWindow;
    private int dropped;

    InstanceOutput(InputStream output, LogOutput.InstanceOf instance, Logger log) {
        this.output = output;
        this.instance = instance;
        this.who = "instance " + instance.ucloudUser() + " (" + instance.localUser() + ", launch pid " + instance.pid() + ")";
        this.log = log;
    }

    /** Starts relaying {@code process}'s output on a virtual thread, each line marked as {@code instance}'s. */
    static void relay(Process process, LogOutput.InstanceOf instance) {
        Thread.ofVirtual().name("instance-output").start(new InstanceOutput(process.getInputStream(), instance, LOG));
    }

    @Override
    public void run() {
        try (output) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int cut = 0;
            for (int b = output.read(); b >= 0; b = output.read()) {
                if (b == '\n') {
                    emit(line, cut);
                    line.reset();
                    cut = 0;
                } else if (line.size() < MAX_LINE_BYTES) {
                    line.write(b);
                } else {
                    cut++;
                }
            }
            if (line.size() > 0) {
                emit(line, cut);
            }
        } catch (IOException e) {
            line(Level.FINE, ": output ended: " + e);
        }
        reportDropped();
    }

    private void emit(ByteArrayOutputStream line, int cut) {
        long now = System.nanoTime();
        if (now - windowStart > WINDOW_NANOS) {
            reportDropped();
            windowStart = now;
            linesInWindow = 0;
        }
        if (linesInWindow++ >= LINES_PER_WINDOW) {
            dropped++;
            return;
        }
        String text = escaped(line.toString(StandardCharsets.UTF_8)) + (cut > 0 ? " [" + cut + " more bytes cut]" : "");
        line(Level.INFO, " | " + text);
    }

    private void reportDropped() {
        if (dropped > 0) {
            int count = dropped;
            line(Level.WARNING, " wrote " + count + " more lines than " + LINES_PER_WINDOW + " in 10 s; they were not logged");
            dropped = 0;
        }
    }

    /**
     * One record naming the instance twice over: in the text ({@code instance alice#1234 (alice, launch pid 7) | ...},
     * where {@code " | "} starts the instance's own words and anything else is IM/Server's) and as the record's
     * parameter, which the JSON format writes as the fields {@code user}, {@code local_user} and {@code instance_pid};
     * so one user's lines are found by either.
     */
    private void line(Level level, String rest) {
        if (!log.isLoggable(level)) {
            return;
        }
        var record = new LogRecord(level, who + rest);
        record.setLoggerName(log.getName());
        record.setParameters(new Object[] {instance});
        log.log(record);
    }

    /** Backslash and every control character as an escape, so that what is shown is one line and unambiguous. */
    static String escaped(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\\') {
                shown.append("\\\\");
            } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }
}
