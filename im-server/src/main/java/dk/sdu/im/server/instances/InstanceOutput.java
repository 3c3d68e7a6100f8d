package dk.sdu.im.server.instances;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
    private final String who;
    private final Logger log;
    private long windowStart = System.nanoTime();
    private int linesInWindow;
    private int dropped;

    InstanceOutput(InputStream output, String who, Logger log) {
        this.output = output;
        this.who = who;
        this.log = log;
    }

    /** Starts relaying {@code process}'s output on a virtual thread, marked with {@code who}. */
    static void relay(Process process, String who) {
        Thread.ofVirtual().name("instance-output").start(new InstanceOutput(process.getInputStream(), who, LOG));
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
            log.fine(() -> who + ": output ended: " + e);
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
        log.info(() -> who + " | " + text);
    }

    private void reportDropped() {
        if (dropped > 0) {
            int count = dropped;
            log.warning(() -> who + " wrote " + count + " more lines than " + LINES_PER_WINDOW + " in 10 s; they were not logged");
            dropped = 0;
        }
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
