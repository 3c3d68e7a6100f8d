package dk.sdu.im.compute.slurm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * One output stream of a child process, read on a virtual thread into memory up to a limit. Past the limit the
 * child is killed (with everything it started) and the capture marked {@link #overflowed()}, so a tool that
 * floods cannot fill this process's memory. Both streams of a child are read at once, so neither can block it.
 */
final class Capture implements AutoCloseable {
    private final Process process;
    private final InputStream in;
    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread reader;
    private volatile boolean overflowed;

    private Capture(Process process, InputStream in, int limit) {
        this.process = process;
        this.in = in;
        this.limit = limit;
        this.reader = Thread.ofVirtual().name("slurm-tool-output").unstarted(this::read);
    }

    /** Starts reading {@code in}, an output stream of {@code process}, keeping at most {@code limit} bytes. */
    static Capture of(Process process, InputStream in, int limit) {
        Capture capture = new Capture(process, in, limit);
        capture.reader.start();
        return capture;
    }

    /** Kills {@code process} and the processes it started (found before it dies, while they are still its own). */
    static void kill(Process process) {
        List<ProcessHandle> started = process.descendants().toList();
        process.destroyForcibly();
        started.forEach(ProcessHandle::destroyForcibly);
    }

    /** Waits until the stream ended (the child and all holding it closed it) or {@code deadline} ({@link System#nanoTime}). */
    boolean await(long deadline) throws InterruptedException {
        return reader.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    boolean overflowed() {
        return overflowed;
    }

    /** What was read, as UTF-8 (the tools run with LANG=C.UTF-8); only after {@link #await} said the stream ended. */
    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** If the stream is still being read (the call failed early), stops the child so that the reader ends too. */
    @Override
    public void close() {
        if (reader.isAlive()) {
            kill(process);
        }
    }

    private void read() {
        byte[] buffer = new byte[8192];
        try (in) {
            int count;
            while ((count = in.read(buffer)) >= 0) {
                if (bytes.size() + count > limit) {
                    overflowed = true;
                    kill(process);
                    return;
                }
                bytes.write(buffer, 0, count);
            }
        } catch (IOException e) {
            // The stream was closed under the reader: the child is gone, and what it printed so far is kept.
        }
    }
}
